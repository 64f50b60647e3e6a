import { describe, expect, it } from 'vitest';
import { LADDER, SIZES, layoutLadder, secondsOf, wrapLabel } from '../../src/web/ladder-layout.js';

const QM1 = 'QM1 HASH, SA (1 transform), NONCE, ID 172.21.113.0/24, ID 172.21.114.0/24';

describe('ladder diagram layout', () => {
  it('wraps a long payload list at the commas, and keeps a short label on one line', () => {
    expect(wrapLabel('MM1 SA (2 transforms)', 30)).toEqual(['MM1 SA (2 transforms)']);
    const lines = wrapLabel(QM1, 30);
    expect(lines).toEqual([
      'QM1 HASH, SA (1 transform),',
      'NONCE, ID 172.21.113.0/24,',
      'ID 172.21.114.0/24',
    ]);
    expect(lines.join(' ')).toBe(QM1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('puts a note after the label, on its own line when it does not fit', () => {
    expect(wrapLabel('MM1 SA (2 transforms)', 58, '(retransmission 1)')).toEqual([
      'MM1 SA (2 transforms) (retransmission 1)',
    ]);
    expect(wrapLabel('MM1 SA (2 transforms)', 30, '(retransmission 1)')).toEqual([
      'MM1 SA (2 transforms)',
      '(retransmission 1)',
    ]);
  });

  it('draws arrows in order from the sender to the receiver; a lost one stops short of the receiver', () => {
    const layout = layoutLadder([
      { from: 'a', to: 'b', delivered: true, label: 'MM1 SA (1 transform)' },
      { from: 'b', to: 'a', delivered: true, label: QM1 },
      { from: 'a', to: 'b', delivered: false, label: 'MM5 ID 12.1.1.1, HASH', note: '(retransmission 2)' },
    ]);
    const { a, b } = SIZES.wide.lanes;
    const [first, second, lost] = layout.rows;
    expect([first!.x1, first!.x2, first!.lost]).toEqual([a, b, false]);
    expect([second!.x1, second!.x2]).toEqual([b, a]);
    expect(lost!.x1).toBe(a);
    expect(lost!.lost).toBe(true);
    expect(lost!.x2).toBeGreaterThan(a);
    expect(lost!.x2).toBeLessThan(b - 20);
    // Time goes down: each row below the previous one, its label above its arrow, all inside the drawing.
    expect(first!.y).toBeGreaterThan(LADDER.header);
    for (const [i, row] of layout.rows.entries()) {
      expect(row.labelY).toBeLessThan(row.y);
      if (i > 0) expect(row.labelY).toBeGreaterThan(layout.rows[i - 1]!.y);
    }
    // The wrapped label makes its row taller.
    expect(second!.y - first!.y).toBeGreaterThan(first!.y - LADDER.header);
    expect(layout.bottom).toBeGreaterThan(lost!.y);
    expect(layout.height).toBeGreaterThan(layout.bottom);
  });

  it('the compact size wraps labels sooner and fits between its lifelines', () => {
    const wide = layoutLadder([{ from: 'a', to: 'b', delivered: true, label: QM1 }]);
    const compact = layoutLadder([{ from: 'a', to: 'b', delivered: true, label: QM1 }], SIZES.compact);
    expect(compact.rows[0]!.lines.length).toBeGreaterThan(wide.rows[0]!.lines.length);
    expect(compact.width).toBeLessThan(wide.width);
    const { a, b } = SIZES.compact.lanes;
    expect(b - SIZES.compact.headerWidth / 2).toBeGreaterThan(a + SIZES.compact.headerWidth / 2);
    expect(b + SIZES.compact.headerWidth / 2).toBeLessThanOrEqual(compact.width);
  });

  it('relative time in seconds to the millisecond', () => {
    expect(secondsOf(0)).toBe('0.000');
    expect(secondsOf(35)).toBe('0.035');
    expect(secondsOf(50_020)).toBe('50.020');
  });
});
