// A stand-in for promo in the runner tests: starts a long child through runProcess, whose pid the
// child writes to argv[2], then waits to be killed, or (`exit`) exits by itself on SIGUSR2.
import { runProcess } from '../../src/util/run-process.ts';

const [pidFile, mode] = process.argv.slice(2);
// `exec` keeps the pid: the file names the very process runProcess started.
const run = runProcess('/bin/sh', ['-c', `echo $$ > '${pidFile}.tmp' && mv '${pidFile}.tmp' '${pidFile}' && exec sleep 300`]);
run.catch(() => undefined);
// `exit`: an ordinary exit, as after a finished or a twice-interrupted run.
if (mode === 'exit') process.on('SIGUSR2', () => process.exit(0));
setInterval(() => {}, 1000);
