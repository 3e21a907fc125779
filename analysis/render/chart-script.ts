/**
 * The browser script of the HTML report: draws every chart described in the page's
 * `<script type="application/json" id="report-charts">` with the inlined Chart.js, plus three
 * small inline plugins (no extra package): 95% CI whiskers on needs bars, quadrant lines and
 * point labels on the IPA scatter, and a zero line and "hidden" marks on the gap bars.
 *
 * It is plain ES2017 text, not compiled TypeScript, so what ships is exactly what is read here.
 * Chart texts come from JSON and are drawn on canvas, never parsed as HTML.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var dataElement = document.getElementById('report-charts');
  if (!dataElement || typeof Chart === 'undefined') return;
  var charts = JSON.parse(dataElement.textContent);
  var FONT = 'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif';
  Chart.defaults.font.family = FONT;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#333';
  Chart.defaults.animation = false;

  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart, args, options) {
      if (!options || !options.low) return;
      var ctx = chart.ctx;
      var x = chart.scales.x;
      var meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.strokeStyle = '#222';
      ctx.lineWidth = 1.5;
      meta.data.forEach(function (bar, i) {
        var low = options.low[i];
        var high = options.high[i];
        if (low === null || high === null || low === undefined) return;
        var y = bar.y;
        var cap = Math.min(6, bar.height / 3);
        var x0 = x.getPixelForValue(low);
        var x1 = x.getPixelForValue(high);
        ctx.beginPath();
        ctx.moveTo(x0, y); ctx.lineTo(x1, y);
        ctx.moveTo(x0, y - cap); ctx.lineTo(x0, y + cap);
        ctx.moveTo(x1, y - cap); ctx.lineTo(x1, y + cap);
        ctx.stroke();
      });
      ctx.restore();
    }
  };

  var quadrants = {
    id: 'quadrants',
    beforeDatasetsDraw: function (chart, args, options) {
      if (!options || options.xMean === undefined) return;
      var ctx = chart.ctx;
      var area = chart.chartArea;
      var x = chart.scales.x.getPixelForValue(options.xMean);
      var y = chart.scales.y.getPixelForValue(options.yMean);
      ctx.save();
      ctx.strokeStyle = '#888';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top); ctx.lineTo(x, area.bottom);
      ctx.moveTo(area.left, y); ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#777';
      ctx.font = 'bold 12px ' + FONT;
      var labels = options.labels;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(labels.concentrate, area.left + 6, area.top + 6);
      ctx.textAlign = 'right';
      ctx.fillText(labels.keep, area.right - 6, area.top + 6);
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'left';
      ctx.fillText(labels.low, area.left + 6, area.bottom - 6);
      ctx.textAlign = 'right';
      ctx.fillText(labels.overkill, area.right - 6, area.bottom - 6);
      ctx.restore();
    },
    afterDatasetsDraw: function (chart, args, options) {
      if (!options || options.xMean === undefined) return;
      var ctx = chart.ctx;
      var area = chart.chartArea;
      var meta = chart.getDatasetMeta(0);
      var points = chart.data.datasets[0].data;
      ctx.save();
      ctx.fillStyle = '#222';
      ctx.font = '12px ' + FONT;
      ctx.textBaseline = 'middle';
      // Greedy placement: the first spot (right, left, then a line up or down) that overlaps no
      // label placed before and stays inside the plot.
      var placed = [];
      var order = meta.data.map(function (element, i) { return i; }).sort(function (a, b) { return meta.data[a].y - meta.data[b].y; });
      order.forEach(function (i) {
        var element = meta.data[i];
        var text = points[i].label;
        var width = ctx.measureText(text).width;
        var height = 14;
        var offsets = [0, -14, 14, -28, 28, -42, 42];
        var best = null;
        for (var k = 0; k < offsets.length * 2 && !best; k++) {
          var right = (k % 2 === 0) === (element.x < (area.left + area.right) / 2 || element.x + 8 + width < area.right);
          var dy = offsets[Math.floor(k / 2)];
          var box = { x: right ? element.x + 8 : element.x - 8 - width, y: element.y + dy - height / 2, w: width, h: height };
          if (box.x < area.left || box.x + box.w > area.right || box.y < area.top || box.y + box.h > area.bottom) continue;
          var clash = placed.some(function (other) {
            return box.x < other.x + other.w && other.x < box.x + box.w && box.y < other.y + other.h && other.y < box.y + box.h;
          });
          if (!clash) best = box;
        }
        if (!best) best = { x: element.x + 8, y: element.y - height / 2, w: width, h: height };
        placed.push(best);
        ctx.textAlign = 'left';
        ctx.fillText(text, best.x, best.y + height / 2);
      });
      ctx.restore();
    }
  };

  var gapMarks = {
    id: 'gapMarks',
    afterDatasetsDraw: function (chart, args, options) {
      if (!options) return;
      var ctx = chart.ctx;
      var x = chart.scales.x;
      var y = chart.scales.y;
      var area = chart.chartArea;
      ctx.save();
      if (options.diverging) {
        var zero = x.getPixelForValue(0);
        ctx.strokeStyle = '#333';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(zero, area.top); ctx.lineTo(zero, area.bottom);
        ctx.stroke();
      }
      ctx.fillStyle = '#666';
      ctx.font = 'italic 12px ' + FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      (options.hidden || []).forEach(function (hidden, i) {
        if (!hidden) return;
        ctx.fillText(options.hiddenText, (area.left + area.right) / 2, y.getPixelForValue(i));
      });
      ctx.restore();
    }
  };

  function percentTick(value) {
    return Math.abs(value) + '%';
  }

  function needsChart(canvas, spec) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [{ data: spec.values, backgroundColor: '#4e79a7', borderWidth: 0, barPercentage: 0.8, categoryPercentage: 0.9 }]
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: {
          x: {
            beginAtZero: true,
            max: spec.measure === 'share' ? Math.min(100, Math.ceil(Math.max.apply(null, spec.high.concat(spec.values).filter(function (v) { return v !== null; })) / 10) * 10) : undefined,
            title: { display: true, text: spec.axisLabel },
            ticks: { callback: spec.measure === 'share' ? percentTick : undefined }
          },
          y: { ticks: { autoSkip: false } }
        },
        plugins: {
          legend: { display: false },
          title: { display: !!spec.title, text: spec.title, font: { size: 14, weight: 'bold' }, align: 'start' },
          subtitle: { display: true, text: spec.note, align: 'start', padding: { bottom: 8 } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var i = item.dataIndex;
                if (spec.measure !== 'share') return item.formattedValue;
                return spec.values[i].toFixed(1) + '% (95% CI ' + spec.low[i].toFixed(1) + '–' + spec.high[i].toFixed(1) + '%)';
              }
            }
          },
          whiskers: { low: spec.low, high: spec.high }
        }
      },
      plugins: [whiskers]
    });
  }

  function ipaChart(canvas, spec) {
    var colors = { concentrate: '#d62728', keep: '#1f77b4', low: '#7f7f7f', overkill: '#2ca02c' };
    return new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [{
          data: spec.points,
          backgroundColor: spec.points.map(function (p) { return colors[p.quadrantKey] || '#444'; }),
          pointRadius: 6,
          pointHoverRadius: 8
        }]
      },
      options: {
        maintainAspectRatio: false,
        layout: { padding: { right: 12 } },
        scales: {
          x: { grace: '12%', title: { display: true, text: spec.xLabel } },
          y: { grace: '12%', title: { display: true, text: spec.yLabel } }
        },
        plugins: {
          legend: { display: false },
          title: { display: !!spec.title, text: spec.title, font: { size: 14, weight: 'bold' }, align: 'start' },
          subtitle: { display: true, text: spec.note, align: 'start', padding: { bottom: 8 } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var p = spec.points[item.dataIndex];
                return p.label + ': ' + spec.yLabel + ' ' + p.y.toFixed(2) + ', ' + spec.xLabel + ' ' + p.x.toFixed(2) + ' (n=' + p.n + ', ' + p.quadrant + ')';
              }
            }
          },
          quadrants: { xMean: spec.xMean, yMean: spec.yMean, labels: spec.quadrantLabels }
        }
      },
      plugins: [quadrants]
    });
  }

  function gapChart(canvas, spec) {
    var datasets = [];
    // Chart.js stacks negative values outward from zero in dataset order: put the segments nearest
    // the middle first on each side. 'split' (a scale's middle level) is half on each side.
    var negatives = [];
    var positives = [];
    spec.segments.forEach(function (segment, level) {
      var values = segment.values;
      var half = function (v) { return v === null ? null : v / 2; };
      if (segment.side === 'split') {
        negatives.push({ level: level, label: segment.label, color: segment.color, data: values.map(function (v) { return v === null ? null : -v / 2; }), legend: true, share: values });
        positives.push({ level: level, label: segment.label, color: segment.color, data: values.map(half), legend: false, share: values });
      } else if (segment.side === 'negative') {
        negatives.push({ level: level, label: segment.label, color: segment.color, data: values.map(function (v) { return v === null ? null : -v; }), legend: true, share: values });
      } else {
        positives.push({ level: level, label: segment.label, color: segment.color, data: values, legend: true, share: values });
      }
    });
    negatives.sort(function (a, b) { return b.level - a.level; });
    negatives.concat(positives).forEach(function (segment) {
      datasets.push({
        label: segment.label,
        data: segment.data,
        backgroundColor: segment.color,
        borderWidth: 0,
        stack: 'answers',
        order: 0,
        level: segment.level,
        inLegend: segment.legend,
        share: segment.share
      });
    });
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.groups, datasets: datasets },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: {
          x: {
            stacked: true,
            min: spec.diverging ? -100 : 0,
            max: 100,
            title: { display: true, text: spec.axisLabel },
            ticks: { callback: percentTick, stepSize: 25 }
          },
          y: { stacked: true, ticks: { autoSkip: false } }
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              boxWidth: 12,
              filter: function (item, data) { return data.datasets[item.datasetIndex].inLegend; },
              sort: function (a, b, data) { return data.datasets[a.datasetIndex].level - data.datasets[b.datasetIndex].level; }
            }
          },
          title: { display: !!spec.title, text: spec.title, align: 'start' },
          subtitle: { display: true, text: spec.note, align: 'start', padding: { bottom: 6 } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var dataset = item.dataset;
                var share = dataset.share[item.dataIndex];
                return dataset.label + ': ' + (share === null ? '—' : share.toFixed(1) + '%');
              }
            }
          },
          gapMarks: {
            diverging: spec.diverging,
            hidden: spec.segments.length > 0 ? spec.segments[0].values.map(function (v) { return v === null; }) : [],
            hiddenText: spec.hiddenText
          }
        }
      },
      plugins: [gapMarks]
    });
  }

  charts.forEach(function (entry) {
    var canvas = document.getElementById(entry.id);
    if (!canvas) return;
    if (entry.chart.kind === 'needs') needsChart(canvas, entry.chart);
    else if (entry.chart.kind === 'ipa') ipaChart(canvas, entry.chart);
    else gapChart(canvas, entry.chart);
  });
  document.documentElement.setAttribute('data-charts-ready', String(charts.length));
})();
`;
