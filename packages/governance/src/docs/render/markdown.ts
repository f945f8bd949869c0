/**
 * Pages as Markdown (GitHub's flavour): what `lambdaport docs` writes and `--check` compares.
 */
import type { Block, Inline, Link, Page, Text } from '../blocks.js';

/** The Markdown file of a page: `README.md` for the index (shown when browsing the folder), `<name>.md` else. */
export function markdownFileOf(page: string): string {
  return page === 'index' ? 'README.md' : `${page}.md`;
}

/**
 * Renders a page as Markdown.
 *
 * @example
 * writeFileSync('docs/services/records.md', renderMarkdown(servicePage(records, input)));
 */
export function renderMarkdown(page: Page): string {
  return `${page.blocks.map(block).join('\n\n')}\n`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inline(b.text)}`;
    case 'paragraph':
      return inline(b.text);
    case 'note':
      return `> ${inline(b.text)}`;
    case 'list':
      return b.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table': {
      const cell = (text: string) => (text === '' ? ' ' : text.replace(/\|/g, '\\|').replace(/\n/g, ' '));
      const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
      return [
        line(b.head),
        `|${b.head.map(() => ' --- ').join('|')}|`,
        ...b.rows.map((row) => line(row.map((text) => inline(text)))),
      ].join('\n');
    }
    case 'code': {
      const fence = b.code.includes('```') ? '````' : '```';
      const title = b.title === undefined ? '' : `${escapeMarkdown(b.title)}:\n\n`;
      return `${title}${fence}${b.language}\n${b.code}\n${fence}`;
    }
    case 'placeholder':
      return `<!-- lambdaport:${b.name} -->\n_${inline(b.text)}_\n<!-- /lambdaport:${b.name} -->`;
    case 'svg':
      return `![${escapeMarkdown(b.alt)}](${b.file})`;
  }
}

function inline(text: Text): string {
  return text.map(part).join('');
}

function part(p: Inline): string {
  if (typeof p === 'string') return escapeMarkdown(p);
  if ('code' in p) return code(p.code);
  if ('strong' in p) return `**${escapeMarkdown(p.strong)}**`;
  return `[${escapeMarkdown(p.text)}](${href(p.link)})`;
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function href(link: Link): string {
  if ('url' in link) return link.url;
  if ('file' in link) return link.file;
  if ('page' in link) return `${markdownFileOf(link.page)}${link.anchor === undefined ? '' : `#${link.anchor}`}`;
  return `#${link.anchor}`;
}

/** Plain text with Markdown's own characters escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
