/**
 * The SSM Parameter Store subset: GetParameter, GetParameters, GetParametersByPath, GetParameterHistory,
 * PutParameter, DeleteParameter(s), DescribeParameters, kept (with up to 100 versions each) in one JSON file in the
 * state folder.
 */
export { SsmError, type SsmErrorType } from './errors.js';
export { MAX_LEVELS, MAX_VERSIONS, type ParameterType, type StoredParameter } from './parameter.js';
export { createSsmService, type SsmService, type SsmServiceOptions } from './service.js';
export { SsmStateError } from './state-file.js';
export { ParameterStore } from './store.js';
