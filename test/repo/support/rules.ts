/**
 * The repository-wide rules of CONTRIBUTING.md ("Repository checks") as plain functions of a file's text, so that
 * each rule can be tested on small inputs as well as run over the repository.
 */

/** Most lines a file in `packages/*\/src` may have without saying why. */
export const MAX_LINES = 400;

/** The phrase a longer file's opening comment must contain, followed by the reason. */
export const LONG_FILE_PHRASE = `longer than ${MAX_LINES} lines because`;

/** How many of a file's first lines are searched for {@link LONG_FILE_PHRASE}. */
export const LONG_FILE_HEADER_LINES = 10;

/**
 * The number of lines of a text, as `wc -l` counts them for a file that ends with a newline.
 *
 * @example
 * lineCount('a\nb\n'); // 2
 */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/**
 * Whether one of the first {@link LONG_FILE_HEADER_LINES} lines is a comment line that says why the file is long:
 * `// ... longer than 400 lines because <reason>` or ` * ... longer than 400 lines because <reason>`.
 *
 * @example
 * explainsLength('/**\n * This file is longer than 400 lines because it is one state machine.\n *\/'); // true
 */
export function explainsLength(text: string): boolean {
  const phrase = LONG_FILE_PHRASE.replace(/ /g, '\\s+');
  const comment = new RegExp(`^\\s*(//|/\\*|\\*).*${phrase}\\s+\\S`);
  return text.split('\n', LONG_FILE_HEADER_LINES).some((line) => comment.test(line));
}

/**
 * Whether a file breaks the length rule: more than {@link MAX_LINES} lines and no reason given.
 *
 * @example
 * if (tooLong(text)) console.log(`${file}: ${lineCount(text)} lines, no reason given`);
 */
export function tooLong(text: string): boolean {
  return lineCount(text) > MAX_LINES && !explainsLength(text);
}

/**
 * Texts that cite the notebook kept outside this repository. Written in pieces so that this file does not cite it.
 */
export const OUTSIDE_CITATIONS: readonly string[] = [['..', 'shared'].join('/'), ['shared', 'reference'].join('/')];

/** One citation of something outside the repository. */
export interface OutsideCitation {
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

/**
 * The lines of a text that cite something outside the repository.
 *
 * @example
 * outsideCitations(text).map((c) => `${file}:${c.line}: ${c.text}`);
 */
export function outsideCitations(text: string): OutsideCitation[] {
  const found: OutsideCitation[] = [];
  const lines = text.split('\n');
  lines.forEach((line, at) => {
    if (OUTSIDE_CITATIONS.some((citation) => line.includes(citation))) found.push({ line: at + 1, text: line.trim() });
  });
  return found;
}
