// Files that must not get in: a ZIP bomb whose headers lie about its size, real formulas and
// formula-like text, a cell far past a spreadsheet's limit, wrong types, a legacy .xls, and a
// CSV that is no export. Each must give a clear problem while the rest still imports.
import { deflateRawSync } from 'node:zlib';
import { csv, xlsx } from './fixture-kit.ts';

const HEADER = ['作品名称', '发布时间', '播放量', '完播率', '点赞量'];

/** Every hostile fixture: file name → bytes. */
export async function hostileFixtures(): Promise<Record<string, Buffer>> {
  return {
    'zip-bomb.zip': zipBomb('Content.csv', 600 * 1024 * 1024),
    'formulas.xlsx': await xlsx({
      作品列表: [
        HEADER,
        ['正常的一条', '2026-07-24 20:00:00', 100, '10%', 5],
        ['公式播放量', '2026-07-24 21:00:00', { formula: '1000*1000', result: 1_000_000 }, '10%', 5],
        ["=cmd|' /C calc'!A0", '2026-07-24 22:00:00', 200, '10%', 6],
      ],
    }),
    'huge-cell.csv': csv([HEADER, ['茶'.repeat(40_000), '2026-07-24 20:00:00', 100, '10%', 5], ['正常的一条', '2026-07-24 21:00:00', 100, '10%', 5]]),
    'wrong-types.csv': csv([
      HEADER,
      ['播放量不是数', '2026-07-24 20:00:00', 'lots', '10%', 5],
      ['时间不对', 'yesterday', 100, '10%', 5],
      ['完播率过百', '2026-07-24 22:00:00', 100, '150%', 5],
      ['正常的一条', '2026-07-24 23:00:00', 100, '10%', 5],
    ]),
    'legacy.xls': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    'not-an-export.csv': csv([['name', 'price'], ['teapot', '88']]),
  };
}

/**
 * A ZIP with one deflated entry of `size` zero bytes whose local and central headers claim 1 KB:
 * only counting the inflated bytes stops it. (zlib compresses zeros about 1000:1, so 600 MB is
 * a 600 KB file.)
 */
function zipBomb(name: string, size: number): Buffer {
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  const parts: Buffer[] = [];
  for (let done = 0; done < size; done += zeros.length) parts.push(zeros);
  const data = deflateRawSync(Buffer.concat(parts), { level: 9 });
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // CRC: never reached
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024, 22); // the lie
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
