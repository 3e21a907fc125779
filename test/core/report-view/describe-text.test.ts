/**
 * 自由記述's text analysis in the printed report (issue 27): the top words with their share, the
 * words by group with ＊ where a group is hidden, the network laid out the same way every time with
 * nodes sized by count and kept apart, and the codes by group with the cross-tabs' marks and test
 * lines. Hand-made, so every expectation follows from the numbers written here.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { describeReport } from '../../../core/report-view/describe-report.ts';
import { describeText, TOP_WORDS } from '../../../core/report-view/describe-text.ts';
import { layoutNetwork } from '../../../core/report-view/layout-network.ts';
import { labelUnits } from '../../../core/report-view/truncate-label.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { renderMarkdown } from '../../../analysis/render/render-markdown.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { handMadeDefinition, handMadeReport, handMadeText } from './hand-made-report.ts';

const words = ['駐車場', '書類', '待ち時間', '窓口', '予約', '職員', '案内', '手続'];

const report = (): Report => ({ ...handMadeReport(), text: [handMadeText()] });

describe('describeText', () => {
  const view = describeText(handMadeText(), report(), 'ja');

  it('lists the top 30 words with count and share, 駐車場 first', () => {
    expect(view.words?.table?.rows).toHaveLength(TOP_WORDS);
    expect(view.words?.table?.rows[0]).toEqual(['1', '駐車場', '80', '40.0%']);
    expect(view.notes).toEqual(['分析した記入 200件（うち語を含むもの 190件）']);
  });

  it('gives the words by the first breakdown, a hidden group ＊', () => {
    expect(view.byGroup?.heading).toBe('よく使われた語（区分別: あなたの年代）');
    expect(view.byGroup?.table?.columns).toEqual(['語', '20代 (n = 120)', '30代 (n = ＊)']);
    expect(view.byGroup?.table?.rows[0]).toEqual(['駐車場', '8.3%', '＊']);
    expect(view.byGroup?.table?.hides).toBe(true);
  });

  it('tables the codes by group with the marks and a test line per code', () => {
    expect(view.codes?.table?.columns).toEqual(['区分', '回答者数', '待ち時間', '紙文化']);
    expect(view.codes?.table?.rows).toEqual([
      ['全体', '200', '30.0%', '20.0%'],
      ['20代', '120', '41.7% ▲▲', '16.7%'],
      ['30代', '＊', '＊', '＊'],
    ]);
    expect(view.codes?.footnotes?.[1]).toMatch(/^待ち時間: χ² = 9\.50、自由度 1、p = 0\.002（Holm補正後 0\.004）/);
    expect(view.codes?.footnotes?.[2]).toMatch(/^紙文化: 検定なし/);
  });

  it('says only that the section is hidden when fewer than the minimum wrote', () => {
    const hidden = describeText({ ...handMadeText(), hidden: true }, report(), 'ja');
    expect(hidden).toEqual({ notes: ['記入者が 5 人未満のため、語と分類は示していません。'] });
  });

  it('joins the comments part of the report for its question', () => {
    const comments = describeReport(report(), [handMadeDefinition()], { locale: 'ja' }).comments;
    expect(comments.sections[0].analysis?.words?.heading).toBe('よく使われた語（上位30語）');
    expect(describeReport(handMadeReport(), [handMadeDefinition()], { locale: 'ja' }).comments.sections[0].analysis).toBeUndefined();
    // In English the breakdown is named from the definition; the words stay as respondents wrote them.
    const english = describeReport(report(), [handMadeDefinition()], { locale: 'en' }).comments.sections[0].analysis;
    expect(english?.byGroup?.heading).toBe('Most frequent words by Your age group');
    expect(english?.words?.table?.rows[0][1]).toBe('駐車場');
  });
});

describe('layoutNetwork', () => {
  const network = handMadeText().network;
  const layout = layoutNetwork(network);

  it('is the same every time (a printed report can be compared with last month’s)', () => {
    expect(layoutNetwork(network)).toEqual(layout);
  });

  it('keeps every node on the picture, larger for more comments, and apart from the others', () => {
    for (const place of layout.places) {
      expect(place.x - place.r).toBeGreaterThanOrEqual(0);
      expect(place.x + place.r).toBeLessThanOrEqual(layout.width);
      expect(place.y - place.r).toBeGreaterThanOrEqual(0);
      expect(place.y + place.r).toBeLessThanOrEqual(layout.height);
    }
    expect(layout.places[0].r).toBeGreaterThan(layout.places[7].r);
    for (let i = 0; i < layout.places.length; i++) {
      for (let j = i + 1; j < layout.places.length; j++) {
        const a = layout.places[i];
        const b = layout.places[j];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
      }
    }
  });

  it('keeps 60 words and their labels apart, lone words included (clamped to the frame, they piled up along its top)', () => {
    const many = {
      nodes: Array.from({ length: 60 }, (_, i) => ({ word: `語${'あいうえおかきくけこ'[i % 10]}${i}${i % 7 === 0 ? 'カード' : ''}`, count: 200 - 3 * i, community: i % 5 })),
      // Ten chains of five, and ten words with no edge.
      edges: Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 5 !== 4).map((i) => ({ source: i, target: i + 1, count: 10, jaccard: 0.1 + (i % 5) / 10 })),
      rule: network.rule,
    };
    const wide = layoutNetwork(many);
    const boxes = wide.shapes
      .filter((shape) => shape.kind === 'text')
      .map((shape) => {
        if (shape.kind !== 'text') throw new Error('text');
        const w = (labelUnits(shape.text) * shape.size) / 2;
        const x0 = shape.anchor === 'start' ? shape.x : shape.x - w;
        return { x0, x1: x0 + w, y0: shape.y - shape.size, y1: shape.y };
      });
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].x0).toBeGreaterThanOrEqual(0);
      expect(boxes[i].x1).toBeLessThanOrEqual(wide.width);
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${i} and ${j}`).toBe(false);
      }
    }
    for (let i = 0; i < wide.places.length; i++) {
      for (let j = i + 1; j < wide.places.length; j++) {
        const [a, b] = [wide.places[i], wide.places[j]];
        // Where the frame stops a push, two circles may touch a little; never so much that one hides the other.
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(0.85 * (a.r + b.r));
      }
    }
  });

  it('draws linked words nearer each other than unlinked ones, wider lines for a higher Jaccard', () => {
    const distance = (i: number, j: number) => Math.hypot(layout.places[i].x - layout.places[j].x, layout.places[i].y - layout.places[j].y);
    expect(distance(0, 1)).toBeLessThan(distance(0, 7));
    const lines = layout.shapes.filter((shape) => shape.kind === 'line');
    expect(lines.map((line) => line.kind === 'line' && line.width)).toEqual([...lines.map((line) => line.kind === 'line' && line.width)].sort((a, b) => Number(a) - Number(b)));
    expect(layout.shapes.filter((shape) => shape.kind === 'text').map((shape) => shape.kind === 'text' && shape.text)).toEqual(words);
  });
});

describe('自由記述 rendered', () => {
  it('draws the network as an escaped SVG in the HTML and lists its pairs in Markdown', async () => {
    const hostile = handMadeText();
    hostile.network.nodes[7] = { ...hostile.network.nodes[7], word: '<img src=x>' };
    const html = renderHtml({ ...handMadeReport(), text: [hostile] }, [handMadeDefinition()], { locale: 'ja', ...(await readReportAssets()) });
    const part = html.slice(html.indexOf('id="comments"'), html.indexOf('id="suppressed"'));
    expect(part.match(/<svg class="network"/g)).toHaveLength(1);
    expect(part).not.toContain('<img src=x>');
    expect(part).toContain('&lt;img src=x&gt;');
    expect(part).toContain('41.7% ▲▲');
    const markdown = renderMarkdown(report(), [handMadeDefinition()], { locale: 'ja' });
    expect(markdown).toContain('- 駐車場 — 書類: Jaccard 0.60');
    expect(markdown).toContain('| 20代 | 120 | 41.7% ▲▲ | 16.7% |');
  });
});
