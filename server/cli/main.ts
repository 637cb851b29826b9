// Entry of dist/cli.js (bin/adjoint.js requires it): runs the command line and sets the exit status.
import { runCli } from './run';

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
