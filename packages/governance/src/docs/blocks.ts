/**
 * The docs as a small tree of blocks (headings, paragraphs, tables, code, lists), built once from the contracts and
 * rendered twice: as Markdown files and as the HTML pages `lambdaport dev` serves. So both say the same thing.
 */

/** Inline text: plain, code, emphasis, or a link to another page, a file, or an anchor. */
export type Inline =
  | string
  | { readonly code: string }
  | { readonly strong: string }
  | { readonly text: string; readonly link: Link };

/** Where a link goes: a page of the docs (its anchor optional), a file beside them, or an outside address. */
export type Link =
  | { readonly page: string; readonly anchor?: string }
  | { readonly anchor: string }
  | { readonly file: string }
  | { readonly url: string };

/** A line of inline text. */
export type Text = readonly Inline[];

/** A block of a page. */
export type Block =
  /** Its anchor is {@link anchorOf} its plain text, in both renderings. */
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: Text }
  | { readonly kind: 'paragraph'; readonly text: Text }
  | { readonly kind: 'list'; readonly items: readonly Text[] }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly Text[])[] }
  | { readonly kind: 'code'; readonly language: string; readonly code: string; readonly title?: string }
  | { readonly kind: 'note'; readonly text: Text }
  /** A place other tools fill (the events of a service, the call graph): rendered as a marked, empty section. */
  | { readonly kind: 'placeholder'; readonly name: string; readonly text: Text }
  /** An SVG image (the call graph): inline in HTML, a file beside the Markdown. */
  | { readonly kind: 'svg'; readonly file: string; readonly svg: string; readonly alt: string };

/** A page: its name (`records`, `index`), its title, and its blocks. */
export interface Page {
  readonly name: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/**
 * The anchor of a heading, as GitHub makes it from its text (lower case, punctuation dropped, spaces as `-`), and as
 * the HTML pages set it: `records.get@v1` → `recordsgetv1`.
 *
 * @example
 * anchorOf('records.get'); // 'recordsget'
 */
export function anchorOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/**
 * The plain text of inline text (code without its marks, links as their text).
 *
 * @example
 * plainText(['Input of ', { code: 'records.get' }]); // 'Input of records.get'
 */
export function plainText(text: Text): string {
  return text
    .map((part) =>
      typeof part === 'string' ? part : 'code' in part ? part.code : 'strong' in part ? part.strong : part.text,
    )
    .join('');
}
