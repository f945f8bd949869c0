/**
 * Pages as HTML, readable in a browser as they are: one file per page, inline CSS, no script. `lambdaport dev` serves
 * them under `/_lambdaport/docs/`.
 */
import { anchorOf, type Block, type Inline, type Link, type Page, plainText, type Text } from '../blocks.js';
import { STYLE } from './style.js';

/** The HTML file of a page: `<name>.html` (`index.html` for the index). */
export function htmlFileOf(page: string): string {
  return `${page}.html`;
}

/**
 * Renders a page as a whole HTML document.
 *
 * @example
 * const html = renderHtml(servicePage(records, input));
 */
export function renderHtml(page: Page): string {
  const nav = page.name === 'index' ? '' : `<nav><a href="${htmlFileOf('index')}">All services</a></nav>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${nav}<main>
${page.blocks.map(block).join('\n')}
</main>
</body>
</html>
`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${anchorOf(plainText(b.text))}">${inline(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'note':
      return `<aside class="note">${inline(b.text)}</aside>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const head = b.head.every((h) => h === '')
        ? ''
        : `<thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const rows = b.rows.map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`).join('\n');
      const kind = b.head[0] === 'field' ? ' class="schema"' : '';
      return `<table${kind}>${head}\n<tbody>\n${rows}\n</tbody></table>`;
    }
    case 'code': {
      const caption = b.title === undefined ? '' : `<figcaption>${escapeHtml(b.title)}</figcaption>`;
      return `<figure class="code">${caption}<pre><code class="language-${escapeHtml(b.language)}">${escapeHtml(b.code)}</code></pre></figure>`;
    }
    case 'placeholder':
      return `<section class="placeholder" data-placeholder="${escapeHtml(b.name)}"><p>${inline(b.text)}</p></section>`;
    case 'svg':
      return `<figure class="graph" aria-label="${escapeHtml(b.alt)}">${b.svg}</figure>`;
  }
}

function inline(text: Text): string {
  return text.map(part).join('');
}

function part(p: Inline): string {
  if (typeof p === 'string') return escapeHtml(p);
  if ('code' in p) return `<code>${escapeHtml(p.code)}</code>`;
  if ('strong' in p) return `<strong>${escapeHtml(p.strong)}</strong>`;
  return `<a href="${escapeHtml(href(p.link))}">${escapeHtml(p.text)}</a>`;
}

function href(link: Link): string {
  if ('url' in link) return link.url;
  if ('file' in link) return link.file;
  if ('page' in link) return `${htmlFileOf(link.page)}${link.anchor === undefined ? '' : `#${link.anchor}`}`;
  return `#${link.anchor}`;
}

/** Text safe in HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
