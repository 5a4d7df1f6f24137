import type { Handler } from "./http.js";

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
  specificity: number;
}

/** Maps `METHOD /path/{param}` templates (GitHub's OpenAPI names) to handlers. */
export class Router {
  #routes: Route[] = [];

  add(spec: string, handler: Handler): this {
    const [method = "", template = ""] = spec.split(" ");
    const keys: string[] = [];
    const pattern = template
      .split("/")
      .map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        keys.push(m[1]);
        // a file path, and a git ref ("heads/feature/x"), span segments
        if (m[1] === "path" || (m[1] === "ref" && template.includes("/git/"))) return "(.+)";
        return /(_number|_id)$/.test(m[1]) ? "(\\d+)" : "([^/]+)";
      })
      .join("/");
    this.#routes.push({ method, template, regex: new RegExp(`^${pattern}/?$`), keys, handler, specificity: template.split("/").length * 10 - keys.length });
    this.#routes.sort((a, b) => b.specificity - a.specificity);
    return this;
  }

  /** Every `METHOD /template` served, for checking them against GitHub's REST description. */
  templates(): string[] {
    return this.#routes.map((r) => `${r.method} ${r.template}`);
  }

  match(method: string, pathname: string): { template: string; params: Record<string, string>; handler: Handler } | undefined {
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? "")));
      return { template: `${method} ${route.template}`, params, handler: route.handler };
    }
    return undefined;
  }
}
