/**
 * The server's clock (`StartOptions.now`) ahead of the real one by a shift the test moves: the
 * payment watch's schedule (minutes to days) is crossed without waiting.
 */
export interface ShiftedClock {
  now: () => number;
  advance(ms: number): void;
}

export function shiftedClock(): ShiftedClock {
  let shift = 0;
  return {
    now: () => Date.now() + shift,
    advance(ms) {
      shift += ms;
    },
  };
}
