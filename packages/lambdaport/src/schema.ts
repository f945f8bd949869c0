/**
 * The schema types: lambdaport accepts any Standard Schema value (zod 4, valibot, arktype, ...).
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';

export type { StandardSchemaV1 } from '@standard-schema/spec';

/** Any Standard Schema. */
// biome-ignore lint/suspicious/noExplicitAny: the widest schema type, used only as a generic bound.
export type AnySchema = StandardSchemaV1<any, any>;
export type InferInput<S extends AnySchema> = StandardSchemaV1.InferInput<S>;
export type InferOutput<S extends AnySchema> = StandardSchemaV1.InferOutput<S>;
