/**
 * JSON Schema from a Standard Schema, with the schema library's own converter:
 *
 * 1. the Standard JSON Schema interface (`schema['~standard'].jsonSchema.input/output`), which zod (4.2 and later)
 *    implements: the schema carries its converter, so the copy of zod is the one that built it;
 * 2. zod 4 without it: `toJSONSchema` of the `zod` the service dir resolves (the copy its schemas were built with);
 * 3. valibot: `toJsonSchema` of the `@valibot/to-json-schema` the service dir resolves.
 *
 * A part with no JSON Schema form (a date, a bigint, `z.custom()`, a transform's output) is a problem naming the field,
 * never silently widened to "anything".
 */
import type { AnySchema } from 'lambdaport';
import { importPackageOfService } from '../service-module.js';
import type { JSONSchema } from '../types.js';
import { fieldPathOf } from './paths.js';

/** Which side of a schema: what is accepted (`input`, defaults make fields optional) or produced (`output`). */
export type SchemaIo = 'input' | 'output';

/** A part of a schema that could not be converted. */
export interface SchemaProblem {
  /** The field path inside the schema (`lines[].sku`), empty for the schema as a whole. */
  readonly path: string;
  readonly message: string;
}

/** The result of {@link toJsonSchema}. */
export type Conversion =
  | { readonly ok: true; readonly schema: JSONSchema }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

/** The JSON Schema version written. */
export const JSON_SCHEMA_TARGET = 'draft-2020-12';

type Converter = (options: { target: string; libraryOptions?: Record<string, unknown> }) => unknown;

/** Per service dir and package: the library imported once per load. */
export type LibraryCache = Map<string, Promise<Record<string, unknown>>>;

/**
 * Converts `schema` to JSON Schema (draft 2020-12) as `io`, with the library's own converter (see the file's note).
 * `serviceDir` is where a converter package is resolved from.
 *
 * @example
 * const result = await toJsonSchema(z.object({ id: z.number() }), 'input', '/srv/records');
 * if (result.ok) console.log(result.schema.properties);
 */
export async function toJsonSchema(
  schema: AnySchema,
  io: SchemaIo,
  serviceDir: string,
  cache: LibraryCache = new Map(),
): Promise<Conversion> {
  const standard = schema['~standard'] as AnySchema['~standard'] & { jsonSchema?: Record<SchemaIo, Converter> };
  const vendor = standard.vendor;
  const sites: SchemaProblem[] = [];
  try {
    let converted: unknown;
    const own = standard.jsonSchema?.[io];
    if (typeof own === 'function') {
      // zod reports each unrepresentable part with its place; other libraries ignore zod's option
      const libraryOptions = vendor === 'zod' ? { unrepresentable: collectInto(sites) } : undefined;
      converted = own.call(standard.jsonSchema, {
        target: JSON_SCHEMA_TARGET,
        ...(libraryOptions && { libraryOptions }),
      });
    } else if (vendor === 'zod') {
      const zod = await library(cache, serviceDir, 'zod');
      if (typeof zod.toJSONSchema !== 'function') {
        return fail(`the zod resolved from ${serviceDir} has no toJSONSchema: upgrade it to zod 4`);
      }
      converted = zod.toJSONSchema(schema, { io, target: JSON_SCHEMA_TARGET, unrepresentable: 'throw' });
    } else if (vendor === 'valibot') {
      const converter = await library(cache, serviceDir, '@valibot/to-json-schema').catch(() => undefined);
      if (typeof converter?.toJsonSchema !== 'function') {
        return fail(
          `a valibot schema: install its converter in the service (npm install --save-dev @valibot/to-json-schema in ${serviceDir})`,
        );
      }
      converted = converter.toJsonSchema(schema, { target: JSON_SCHEMA_TARGET, typeMode: io, errorMode: 'throw' });
    } else {
      return fail(
        `a ${vendor} schema: its library offers no JSON Schema converter lambdaport knows (the Standard JSON Schema interface, zod 4, valibot)`,
      );
    }
    if (sites.length > 0) return { ok: false, problems: sites };
    return { ok: true, schema: plainJson(converted) };
  } catch (error) {
    if (sites.length > 0) return { ok: false, problems: sites };
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function collectInto(sites: SchemaProblem[]) {
  return (ctx: { path: (string | number)[]; message: string }) => {
    sites.push({ path: fieldPathOf(ctx.path), message: ctx.message });
    return 'any';
  };
}

function library(cache: LibraryCache, dir: string, specifier: string): Promise<Record<string, unknown>> {
  const key = `${dir}\0${specifier}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = importPackageOfService(dir, specifier);
    cache.set(key, found);
  }
  return found;
}

function fail(message: string): Conversion {
  return { ok: false, problems: [{ path: '', message }] };
}

/** Plain JSON data: drops what JSON cannot say (zod hangs a non-enumerable `~standard` on its result). */
function plainJson(value: unknown): JSONSchema {
  const json = JSON.parse(JSON.stringify(value)) as unknown;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError('the converter returned something other than a JSON Schema object');
  }
  return json as JSONSchema;
}
