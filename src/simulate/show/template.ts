/**
 * Show output is written as line templates with `{{name}}` holes, so each dialect's layout reads
 * like the device's output. Braces alone are left alone: Cisco prints `flags={origin_is_acl,}`.
 */
const HOLE = /\{\{(\w+)\}\}/g;
const WHOLE_LINE_HOLE = /^\{\{(\w+)\}\}$/;

/** A hole's value: text inside a line, or lines that take the place of a line holding only the hole. */
export type TemplateValues = Readonly<Record<string, string | readonly string[]>>;

/** The template's lines with every hole filled. */
export function fill(template: readonly string[], values: TemplateValues): string[] {
  return template.flatMap((line) => {
    const whole = WHOLE_LINE_HOLE.exec(line);
    if (whole) {
      const value = valueOf(values, whole[1]!);
      return typeof value === 'string' ? [value] : [...value];
    }
    return [
      line.replace(HOLE, (_, name: string) => {
        const value = valueOf(values, name);
        if (typeof value !== 'string') throw new Error(`show template: {{${name}}} is lines, not text`);
        return value;
      }),
    ];
  });
}

function valueOf(values: TemplateValues, name: string): string | readonly string[] {
  const value = values[name];
  if (value === undefined) throw new Error(`show template: no value for {{${name}}}`);
  return value;
}

/** One cell of a fixed-width table row: its text, the width it is padded to, and its alignment. */
export type Column = readonly [text: string | number, width: number, align: 'left' | 'right'];

/** A row of IOS/PIX fixed-width columns; a text as wide as its column still gets one space. */
export function columns(cells: readonly Column[]): string {
  return cells
    .map(([value, width, align]) => {
      const text = String(value);
      if (align === 'left') return text.length < width ? text.padEnd(width) : `${text} `;
      return text.length < width ? text.padStart(width) : ` ${text}`;
    })
    .join('')
    .trimEnd();
}
