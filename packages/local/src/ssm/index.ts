/**
 * The SSM Parameter Store subset: GetParameter, GetParameters, GetParametersByPath, PutParameter,
 * DeleteParameter(s), DescribeParameters, kept in one JSON file in the state folder.
 */
export { SsmError, type SsmErrorType } from './errors.js';
export { createSsmService, type SsmService, type SsmServiceOptions } from './service.js';
export { ParameterStore, type ParameterType, type StoredParameter } from './store.js';
