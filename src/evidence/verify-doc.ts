import { MANIFEST_PAYLOAD_TYPE } from "./signing.js";

export interface VerifyDocInput {
  signed: boolean;
  fingerprint: string | null;
  previous: string | null;
  toolVersion: string;
}

/**
 * What to pass for `--fingerprint` in the command VERIFY.md and report.html show: the fingerprint the
 * auditor was given by another channel. The bundle cannot say it: the bundle's own would match itself.
 */
export const FINGERPRINT_PLACEHOLDER = "EXPECTED_FINGERPRINT";

/** The `ims-bot verify` command VERIFY.md and report.html show. */
export function verifyCommandLine(signed: boolean, bundle = "BUNDLE.zip"): string {
  return `ims-bot verify ${bundle} ${signed ? `--fingerprint ${FINGERPRINT_PLACEHOLDER}` : "--allow-unsigned"}`;
}

/** The shell commands of VERIFY.md, runnable with bash/sh, coreutils and OpenSSL 3 in the bundle folder. */
export function shellVerification(signed: boolean): string {
  // Only the top-level manifest.json, manifest.sig and SHA256SUMS are outside SHA256SUMS: `-path`, not
  // `-name`, or a file of that name in a subfolder would go unnoticed. Any entry but a folder counts
  // (a symbolic link too). Lists are compared whole (diff), not by `uniq -u`, which a name holding
  // newlines that repeats a listed name an odd number of times would cancel out.
  const own = ["SHA256SUMS", "manifest.json", ...(signed ? ["manifest.sig"] : [])].map((f) => `! -path ./${f}`).join(" ");
  const sums = [
    "set -e",
    "T=$(mktemp -d)",
    "# 1. every listed file is intact",
    "sha256sum -c --quiet SHA256SUMS",
    "# 2. no file missing or extra, in any folder",
    'cut -c67- SHA256SUMS | LC_ALL=C sort > "$T/listed"',
    `find . ! -type d ${own} | sed 's|^\\./||' | LC_ALL=C sort > "$T/present"`,
    'diff "$T/listed" "$T/present" > "$T/diff" || { echo "missing or extra (< listed, not present; > present, not listed):"; cat "$T/diff"; exit 1; }',
    "# 3. SHA256SUMS is the one the manifest pins",
    "grep -q \"\\\"sha256sums\\\":\\\"$(sha256sum SHA256SUMS | cut -c1-64)\\\"\" manifest.json",
  ];
  if (!signed) return [...sums, "echo 'files OK; bundle is UNSIGNED: nothing proves who made it'"].join("\n");
  const type = MANIFEST_PAYLOAD_TYPE;
  return [
    ...sums,
    "# 4. the DSSE payload is manifest.json, and its Ed25519 signature is valid",
    "sed -n 's/.*\"payload\":\"\\([^\"]*\\)\".*/\\1/p' manifest.sig | openssl base64 -d -A > \"$T/payload.bin\"",
    'cmp "$T/payload.bin" manifest.json',
    "sed -n 's/.*\"sig\":\"\\([^\"]*\\)\".*/\\1/p' manifest.sig | openssl base64 -d -A > \"$T/sig.bin\"",
    `printf 'DSSEv1 %s %s %s ' ${Buffer.byteLength(type)} ${type} "$(wc -c < manifest.json | tr -d ' ')" > "$T/pae.bin"`,
    'cat manifest.json >> "$T/pae.bin"',
    'openssl pkeyutl -verify -pubin -inkey keys/signing-key.pub.pem -rawin -in "$T/pae.bin" -sigfile "$T/sig.bin"',
    "# 5. the key's fingerprint (compare with the one you were given out of band)",
    "openssl pkey -pubin -in keys/signing-key.pub.pem -outform DER | sha256sum | cut -c1-64",
  ].join("\n");
}

/** VERIFY.md: how to check the bundle with `ims-bot verify`, or with sha256sum and openssl alone. */
export function renderVerifyDoc(v: VerifyDocInput): string {
  const status = v.signed
    ? `This bundle is **signed** with Ed25519 key fingerprint \`${v.fingerprint}\` (SHA-256 of the public key's DER).`
    : "**This bundle is UNSIGNED.** Its hashes show whether files changed after it was made, but nothing shows who made it.";
  const chain = v.previous
    ? `\nThis bundle continues the chain: the SHA-256 of the previous bundle's \`manifest.json\` is \`${v.previous}\`` +
      " (field `previous.manifestSha256`). Check it with `sha256sum PREVIOUS/manifest.json`" +
      " or `ims-bot verify FILE --previous PREVIOUS`.\n"
    : "";
  return `# How to verify this evidence bundle

${status}
${chain}
Trust the key only by its fingerprint, obtained from its owner by another channel than this bundle.

## With ims-bot

\`\`\`sh
${verifyCommandLine(v.signed)}
\`\`\`
${v.signed ? `
Replace \`${FINGERPRINT_PLACEHOLDER}\` with the fingerprint the key's owner gave you (or pass \`--key\` with their
public key PEM). The fingerprint above comes from this bundle, so it proves nothing by itself.
\`--trust-bundled-key\` instead checks only that the bundle is consistent with the key it carries, and says so.
` : ""}
It checks every file's SHA-256 and size against \`manifest.json\`, that no file is missing or extra,
that \`SHA256SUMS\` matches, the signature in \`manifest.sig\` against the key you expect, and with
\`--previous\` the chain link. It exits 0 only when all of these hold, 1 with the list of what failed,
and 2 when the command itself is wrong.

## With sha256sum and openssl alone

Extract the bundle (\`unzip BUNDLE.zip -d bundle\`), then in that folder run (bash or sh; OpenSSL 3 for \`-rawin\`):

\`\`\`sh
${shellVerification(v.signed)}
\`\`\`

What these show:
- \`SHA256SUMS\` lists every file but the top-level \`manifest.json\`, \`manifest.sig\` and itself, in coreutils
  format; any other file, in any folder, is extra and fails step 2.
- \`manifest.json\` is RFC 8785 canonical JSON; it lists every file with SHA-256 and size and pins
  \`SHA256SUMS\` by its SHA-256 (\`sha256sums\`).
${v.signed ? `- \`manifest.sig\` is a DSSE envelope (payload type \`${MANIFEST_PAYLOAD_TYPE}\`) whose payload is exactly
  \`manifest.json\`; the Ed25519 signature is over the DSSE pre-authentication encoding
  \`DSSEv1 <len type> <type> <len payload> <payload>\`.
- \`keys/signing-key.pub.pem\` is the public key; \`keys/signing-key.fingerprint\` its fingerprint.
` : ""}
Made by ims-bot ${v.toolVersion}.
`;
}
