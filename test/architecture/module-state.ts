import ts from "typescript";

/** One piece of module-level mutable state: where, its name, and why it counts. */
export interface ModuleState {
  file: string;
  name: string;
  line: number;
  why: string;
}

const COLLECTIONS = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array"]);
/** Methods that change an array, a Map or a Set they are called on. */
const MUTATORS = new Set(["push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set", "add", "delete", "clear"]);

const unwrap = (e: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) ? unwrap(e.expression) : e;

/** The identifier an access chain starts from (`a` of `a.b[c].d`), if any. */
function rootOf(e: ts.Expression): string | null {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) return rootOf(x.expression);
  return null;
}

const isAccess = (e: ts.Expression) => ts.isPropertyAccessExpression(unwrap(e)) || ts.isElementAccessExpression(unwrap(e));
const ASSIGNMENTS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

/** Names whose value this file changes in place: `x.push(…)`, `x.k = …`, `x[k]++`, `delete x.k`, `Object.assign(x, …)`. */
function mutatedNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
        const root = rootOf(callee.expression);
        if (root) out.add(root);
      }
      if (ts.isPropertyAccessExpression(callee) && callee.getText(sf) === "Object.assign" && n.arguments[0]) {
        const root = rootOf(n.arguments[0]);
        if (root) out.add(root);
      }
    }
    if (ts.isBinaryExpression(n) && ASSIGNMENTS.has(n.operatorToken.kind) && isAccess(n.left)) {
      const root = rootOf(n.left);
      if (root) out.add(root);
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) && isAccess(n.operand)) {
      const root = rootOf(n.operand);
      if (root) out.add(root);
    }
    if (ts.isDeleteExpression(n)) {
      const root = rootOf(n.expression);
      if (root) out.add(root);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * The module-level mutable state of one TypeScript file, from its top-level statements only: a `let`
 * or `var`; a `const` holding a new Map, Set, WeakMap, WeakSet or Array (a Map or Set typed
 * ReadonlyMap/ReadonlySet is a read-only table); a `const` array or object literal the file changes.
 */
export function moduleState(file: string, text: string): ModuleState[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const mutated = mutatedNames(sf);
  const out: ModuleState[] = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const d of st.declarationList.declarations) {
      const names = ts.isIdentifier(d.name) ? [d.name.text] : d.name.elements.flatMap((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name.text] : []));
      const line = sf.getLineAndCharacterOfPosition(d.getStart(sf)).line + 1;
      const add = (why: string) => names.forEach((name) => out.push({ file, name, line, why }));
      if (!isConst) {
        add(`top-level ${st.declarationList.flags & ts.NodeFlags.Let ? "let" : "var"}`);
        continue;
      }
      if (!d.initializer) continue;
      const init = unwrap(d.initializer);
      if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && COLLECTIONS.has(init.expression.text)) {
        const readonlyTable = d.type !== undefined && /^Readonly(Map|Set)</.test(d.type.getText(sf)) && /^(Map|Set)$/.test(init.expression.text);
        if (!readonlyTable) add(`top-level const = new ${init.expression.text}`);
      } else if ((ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) && names.some((n) => mutated.has(n))) {
        add(`top-level ${ts.isArrayLiteralExpression(init) ? "array" : "object"} literal changed in place`);
      }
    }
  }
  return out;
}
