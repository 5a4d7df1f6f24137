/** A form answer: text, a list of ticked boxes, or null for "_No response_". */
export type FormValue = string | { ticked: string[]; options: string[] } | null;

/** Renders issue-form answers the way GitHub writes them into the issue body. */
export function formBody(fields: Array<[heading: string, value: FormValue]>): string {
  return fields
    .map(([heading, value]) => {
      let text: string;
      if (value === null || value === "") text = "_No response_";
      else if (typeof value === "string") text = value;
      else text = value.options.map((o) => `- [${value.ticked.includes(o) ? "X" : " "}] ${o}`).join("\n");
      return `### ${heading}\n\n${text}`;
    })
    .join("\n\n");
}

/** The checkbox options of the Security impact field. */
export const CIA_OPTIONS = ["Confidentiality", "Integrity", "Availability", "Personal data involved"];

/** An incident form body. */
export function incidentForm(a: { impact: string | null; urgency: string | null; service: string; cia?: string[]; what: string }): string {
  return formBody([
    ["Impact", a.impact],
    ["Urgency", a.urgency],
    ["Affected service", a.service],
    ["Security impact", { ticked: a.cia ?? [], options: CIA_OPTIONS }],
    ["What happened", a.what],
  ]);
}
