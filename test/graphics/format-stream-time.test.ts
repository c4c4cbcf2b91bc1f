import { describe, expect, it } from 'vitest';
import { buildPlaceholders } from '../../src/graphics/build-placeholders.ts';
import { fillPlaceholders } from '../../src/graphics/fill-placeholders.ts';
import { formatStreamTime } from '../../src/graphics/format-stream-time.ts';
import { brand, enStream, zhStream } from './graphics-test-helpers.ts';

describe('formatStreamTime', () => {
  it('formats the start in the stream zone and language', () => {
    expect(formatStreamTime(zhStream)).toEqual({ date: '12月1日 周二', time: '20:00', datetime: '12月1日 周二 20:00 开播', zone: 'GMT+8' });
    expect(formatStreamTime(enStream)?.datetime).toBe('Tue 1 Dec, 20:00 (GMT+8)');
    expect(formatStreamTime({ ...enStream, timezone: 'America/New_York' })?.datetime).toBe('Tue 1 Dec, 07:00 (GMT-5)');
    expect(formatStreamTime({ ...zhStream, timezone: 'Asia/Tokyo' })?.datetime).toBe('12月1日 周二 21:00 开播（GMT+9）');
    expect(formatStreamTime({ ...enStream, timezone: 'Asia/Kolkata' })?.zone).toBe('GMT+5:30');
    expect(formatStreamTime({ ...zhStream, start: undefined })).toBeUndefined();
  });
});

describe('placeholders', () => {
  it('fills known values, leaves an item out when one is missing, never re-expands values', () => {
    const values = buildPlaceholders({ stream: { ...zhStream, host: undefined, title: '{{stream.url}} <b>' }, brand });
    expect(fillPlaceholders('主播 {{stream.host}}', values)).toBeUndefined();
    expect(fillPlaceholders('{{ stream.title }}!', values)).toBe('{{stream.url}} <b>!');
    expect(fillPlaceholders('{{cta}}', values)).toBe('锁定直播间');
    expect(values['brand.contrast']).toBe('#FFFFFF');
    expect(buildPlaceholders({ stream: enStream, brand: { color: '#FFD400' } })['brand.contrast']).toBe('#111111');
    expect(buildPlaceholders({ stream: enStream, brand }).cta).toBe('Set a reminder');
    const product = { index: 0, sku: 'A1', name: '龙井', price: 99.5, originalPrice: 90, footage: '/x', clips: [] };
    const withProduct = buildPlaceholders({ stream: zhStream, brand, product, currency: 'CNY' });
    expect([withProduct['product.price'], withProduct['product.originalPrice'], withProduct.currency]).toEqual(['¥99.50', '', '¥']);
  });
});
