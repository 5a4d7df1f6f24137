import escapeHtml from "escape-html";
import { stripBidi } from "../../core/bidi.js";

/** Markup that is already safe; everything else put in `html` templates is escaped. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(stripBidi(String(part)));
}

/** Template tag: interpolated text is escaped with escape-html (bidi controls removed), nested `html` fragments are kept. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((p, i) => (out += render(p) + strings[i + 1]!));
  return new Html(out);
}
