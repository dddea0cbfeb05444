// The design document and everything that edits or checks it: records, commands that return
// patches, undo/redo by inverse patches, natural keys, the live estate read as records, and
// validation (model constraints and Lattice's rules). Pure TypeScript.
export * from './types';
export * from './kinds';
export * from './keys';
export * from './live';
export * from './compare';
export * from './patch';
export * from './commands';
export * from './palette';
export * from './policy-templates';
export * from './iam-policies';
export * from './pickers';
export * from './validate';
export { MODEL_SHAPES, SLICED_OPERATIONS, sliceAsModel, shapeAt, describeConstraint, plainRule, mustBe, type ModelSlice } from './model-shapes';
export * from './schema';
export { TARGET_GROUP_TYPES, TARGET_GROUP_CONFIG_SUPPORT, TARGET_FORM, isTargetGroupType, setTargetGroupType, type TargetGroupType } from './target-group-type';
