import { BatchedStdout, makeWritesBlocking } from './batched-stdout';

describe('BatchedStdout', () => {
  function setup() {
    const written: string[] = [];
    const turns: (() => void)[] = [];
    const out = new BatchedStdout({ write: (chunk: string) => written.push(chunk) }, (flush) =>
      turns.push(flush),
    );
    return { written, turns, out };
  }

  it('writes the lines of one turn in one write, in order, at the end of the turn', () => {
    const { written, turns, out } = setup();
    out.write('a\n');
    out.write('b\n');
    out.write('c\n');
    expect(written).toEqual([]);
    expect(turns).toHaveLength(1);
    turns[0]();
    expect(written).toEqual(['a\nb\nc\n']);
  });

  it('schedules a new batch once the previous one is out', () => {
    const { written, turns, out } = setup();
    out.write('a\n');
    turns[0]();
    out.write('b\n');
    expect(turns).toHaveLength(2);
    turns[1]();
    expect(written).toEqual(['a\n', 'b\n']);
  });

  it('flushes pending lines on demand (process exit) and writes nothing when empty', () => {
    const { written, out } = setup();
    out.flush();
    expect(written).toEqual([]);
    out.write('last\n');
    out.flush();
    expect(written).toEqual(['last\n']);
  });
});

describe('makeWritesBlocking', () => {
  it('switches a pipe or socket to blocking writes, so no write is left queued at exit', () => {
    const setBlocking = jest.fn(() => 0);
    expect(makeWritesBlocking({ _type: 'pipe', _handle: { setBlocking } })).toBe(true);
    expect(setBlocking).toHaveBeenCalledWith(true);
  });

  it('leaves files and terminals alone (already synchronous) and reports a refusal', () => {
    const setBlocking = jest.fn(() => 0);
    expect(makeWritesBlocking({ _type: 'fs', _handle: { setBlocking } })).toBe(false);
    expect(makeWritesBlocking({ _type: 'tty', _handle: { setBlocking } })).toBe(false);
    expect(setBlocking).not.toHaveBeenCalled();
    expect(makeWritesBlocking({ _type: 'pipe', _handle: { setBlocking: () => -9 } })).toBe(false);
    expect(makeWritesBlocking({ _type: 'pipe', _handle: null })).toBe(false);
  });
});
