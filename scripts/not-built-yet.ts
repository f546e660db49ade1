// Usage: tsx scripts/not-built-yet.ts <script> <issue>
// Stands in for an npm script whose issue has not landed yet: says so and exits 1.
const [script = 'this script', issue = 'its issue'] = process.argv.slice(2);
console.error(`npm run ${script} is not built yet (issue ${issue}).`);
process.exitCode = 1;
