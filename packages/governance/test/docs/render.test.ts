import { describe, expect, it } from 'vitest';
import type { Page } from '../../src/docs/blocks.js';
import { anchorOf } from '../../src/docs/blocks.js';
import { renderHtml } from '../../src/docs/render/html.js';
import { renderMarkdown } from '../../src/docs/render/markdown.js';

const page: Page = {
  name: 'records',
  title: 'records <docs>',
  blocks: [
    { kind: 'heading', level: 2, text: ['records.get@v1'] },
    {
      kind: 'paragraph',
      text: [
        'Uses *stars*, _under_ and <b>tags</b>; see ',
        { text: 'orders', link: { page: 'orders', anchor: 'orderscreate' } },
      ],
    },
    { kind: 'table', head: ['field', 'type'], rows: [[[{ code: 'status' }], ['"a" | "b"']]] },
    { kind: 'code', language: 'sh', title: 'AWS CLI', code: "echo '<x>' | cat" },
    { kind: 'placeholder', name: 'events', text: ['Events go here.'] },
    {
      kind: 'paragraph',
      text: [
        'Back to ',
        { text: 'all', link: { page: 'index' } },
        ' or ',
        { text: 'schema', link: { file: 'schemas/a.json' } },
      ],
    },
  ],
};

describe('anchorOf', () => {
  it("is GitHub's anchor of a heading", () => {
    expect(anchorOf('records.get@v1')).toBe('recordsgetv1');
    expect(anchorOf('Input of records.get')).toBe('input-of-recordsget');
  });
});

describe('renderMarkdown', () => {
  it('escapes Markdown in text and table cells, links pages by their .md file, marks the placeholders', () => {
    const md = renderMarkdown(page);

    expect(md).toContain('## records.get@v1\n');
    expect(md).toContain('Uses \\*stars\\*, \\_under\\_ and \\<b\\>tags\\</b\\>; see [orders](orders.md#orderscreate)');
    expect(md).toContain('| field | type |\n| --- | --- |\n| `status` | "a" \\| "b" |');
    expect(md).toContain("AWS CLI:\n\n```sh\necho '<x>' | cat\n```");
    expect(md).toContain('<!-- lambdaport:events -->\n_Events go here._\n<!-- /lambdaport:events -->');
    expect(md).toContain('[all](README.md) or [schema](schemas/a.json)');
  });
});

describe('renderHtml', () => {
  it('is a whole document with inline CSS and no script; text is escaped; headings carry their anchors', () => {
    const html = renderHtml(page);

    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>records &lt;docs&gt;</title>');
    expect(html).toContain('<style>');
    expect(html).not.toContain('<script');
    expect(html).toContain('<h2 id="recordsgetv1">records.get@v1</h2>');
    expect(html).toContain('&lt;b&gt;tags&lt;/b&gt;; see <a href="orders.html#orderscreate">orders</a>');
    expect(html).toContain('<table class="schema"><thead><tr><th>field</th><th>type</th></tr></thead>');
    expect(html).toContain(
      '<figcaption>AWS CLI</figcaption><pre><code class="language-sh">echo \'&lt;x&gt;\' | cat</code></pre>',
    );
    expect(html).toContain('<section class="placeholder" data-placeholder="events">');
    expect(html).toContain('<nav><a href="index.html">All services</a></nav>');
  });
});
