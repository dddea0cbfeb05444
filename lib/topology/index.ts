// The domain of Trellis: resource kinds, the Topology graph and the operations on it
// (merge, search, filter, diff, the canvas view). Pure TypeScript: no React, Next, SDK or DB.
export * from './kinds';
export * from './types';
export * from './arn';
export * from './merge';
export * from './search';
export * from './filter';
export * from './diff';
export * from './view';
export * from './callers';
export * from './service-detail';
export * from './networking';
export * from './palette';
