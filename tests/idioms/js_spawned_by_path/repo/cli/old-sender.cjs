// the old sender: no module names it any more
process.exit(0);
