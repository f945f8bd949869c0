/**
 * The docs generated from the contracts: Markdown files for the repository (`lambdaport docs`, `--check` in CI) and
 * the HTML pages `lambdaport dev` serves. See docs/design/governance.md.
 */
export { anchorOf, type Block, type Inline, type Link, type Page, plainText, type Text } from './blocks.js';
export { type CallSnippet, callSnippets, pythonLiteral, queryOf, shellQuote } from './calls.js';
export { type FieldRow, fieldRows } from './fields.js';
export { compareDocs, type DocsDifference, GENERATED_MARK, isSame, writeDocs } from './files.js';
export { type DocsFormat, generateDocs } from './generate.js';
export {
  type Caller,
  callersOf,
  type DocsInput,
  eventSchemaFile,
  type Subscriber,
  schemaFile,
  servicePageName,
  subscribersOf,
} from './input.js';
export { htmlFileOf } from './render/html.js';
export { markdownFileOf } from './render/markdown.js';
