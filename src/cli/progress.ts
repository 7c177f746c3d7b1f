// Progress of long operator commands (bulk loads, imports, rebuilds).

export interface ProgressBar {
  update(done: number): void;
  done(): void;
}

/** A one-line progress bar on stderr (a plain line per 10 % when stderr is not a terminal). */
export function progressBar(total: number, unit = 'tickets'): ProgressBar {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return {
    update(done: number) {
      const share = done / total;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${unit}`,
        );
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        process.stderr.write(`${done}/${total} ${unit}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
