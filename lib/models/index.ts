// AWS's service models (botocore JSON, do not edit), their types and the validator built from
// their shapes: one source of names, patterns, lengths, enums and required members for the
// emulator, the designer's rules, the plan engine and access analysis.
// This face is safe in the browser; reading a model file is `loadModel` in './loader' (Node).
export type * from './loader';
export * from './validator';
export * from './describe';
