/**
 * HTML built from tagged templates that escape every interpolated value by default.
 * @module
 */

/** Markup that is already safe to place in a page. */
export class SafeHtml {
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

const ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Source indentation: a line break with the spaces around it. */
const LINE_BREAK = /[ \t]*\n\s*/g;

/**
 * Builds markup. Strings are escaped (a User-Agent is attacker-controlled text); `SafeHtml`
 * and arrays of it are placed as they are; null, undefined and false render nothing. Line
 * breaks and indentation in the template become one space, which renders the same and keeps
 * pages small.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = compact(strings[0] ?? '');
  values.forEach((value, index) => {
    out += render(value) + compact(strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function compact(markup: string): string {
  return markup.replace(LINE_BREAK, ' ');
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
