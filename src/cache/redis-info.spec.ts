import { humanBytes, parseInfo } from './redis-info';

describe('parseInfo', () => {
  it('reads fields and skips section headers', () => {
    const info = parseInfo(
      '# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n\r\n# Server\r\nuptime_in_seconds:42\r\n',
    );
    expect(info).toEqual({
      used_memory: '1048576',
      used_memory_human: '1.00M',
      uptime_in_seconds: '42',
    });
  });
});

describe('humanBytes', () => {
  it('formats like used_memory_human', () => {
    expect(humanBytes(512)).toBe('512B');
    expect(humanBytes(1536)).toBe('1.50K');
    expect(humanBytes(1024 * 1024 * 3)).toBe('3.00M');
  });
});
