/** The inline style sheet of the HTML docs: readable type, tables with rules, code on a tinted background. */
export const STYLE = `
:root { color-scheme: light dark; --rule: #d0d7de; --tint: #f6f8fa; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --rule: #30363d; --tint: #161b22; --accent: #4493f8; } }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
nav { padding: .5rem 1.5rem; border-bottom: 1px solid var(--rule); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
a { color: var(--accent); }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
code { font: .875em/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--tint); padding: .1em .3em; border-radius: 4px; }
pre { background: var(--tint); padding: .75rem 1rem; overflow-x: auto; border-radius: 6px; }
pre code { padding: 0; background: none; }
figure { margin: 1rem 0; }
figcaption { font-size: .875rem; font-weight: 600; margin-bottom: .25rem; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--tint); }
aside.note { border-left: 4px solid var(--rule); padding: .25rem 1rem; margin: 1rem 0; }
section.placeholder { border: 1px dashed var(--rule); padding: 0 1rem; font-style: italic; }
figure.graph svg { max-width: 100%; height: auto; }
`;
