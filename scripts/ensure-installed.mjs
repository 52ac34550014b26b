// Runs before `npm start` and `npm test`: on a fresh clone it installs the npm packages first,
// so the README's two commands work on their own. It uses only Node built-ins.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const installed = "node_modules/.package-lock.json";
const stale = !existsSync(installed) || statSync("package-lock.json").mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log("Installing npm packages (first run)…");
  execSync("npm install --no-audit --no-fund", { stdio: "inherit" });
}
