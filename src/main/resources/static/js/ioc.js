// The IOC's charts (statistics.web, docs/ioc.md): ECharts from the JSON of /ioc/api, redrawn when
// /ioc/events says the figures moved; the key figures and the communes are htmx fragments that
// the same event refreshes. No inline script: the page's texts come in a JSON block.
(function () {
  'use strict';
  const root = document.getElementById('ioc');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  const unit = root.dataset.unit;
  const level = root.dataset.level;
  const texts = JSON.parse(document.getElementById('ioc-texts').textContent);
  const numbers = new Intl.NumberFormat(texts.locale, {maximumFractionDigits: 1});
  const charts = {};
  let batch = Number(root.dataset.batch);
  let indicator = 'population';
  let mapRegistered = false;
  let mapAspect = 1;
  let areas = {};

  const api = (path) => fetch('/ioc/api/units/' + unit + '/' + path, {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(path + ': ' + r.status))));

  function chart(id) {
    const element = document.getElementById(id);
    if (!element) {
      return null;
    }
    if (!charts[id]) {
      charts[id] = echarts.init(element);
    }
    return charts[id];
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  /** A province's or commune's name without its kind, for the small tiles. */
  function shortName(name) {
    return name.replace(/^(Thành phố|Tỉnh|Phường|Xã|Đặc khu) /, '');
  }

  /** A name of several words on two lines, to fit a tile. */
  function twoLines(name) {
    const words = name.split(' ');
    if (words.length < 2 || name.length < 8) {
      return name;
    }
    const half = Math.ceil(words.length / 2);
    return words.slice(0, half).join(' ') + '\n' + words.slice(half).join(' ');
  }

  const months = (list) => list.map((m) => m.split('-').reverse().join('/'));

  /** Width over height of the shapes' bounding box. */
  function aspect(geojson) {
    let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
    const visit = (c) => {
      if (typeof c[0] === 'number') {
        minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]); minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
      } else {
        c.forEach(visit);
      }
    };
    geojson.features.forEach((f) => visit(f.geometry.coordinates));
    return maxY > minY ? (maxX - minX) / (maxY - minY) : 1;
  }

  /** Where the map goes in its box: as large as fits, whichever side limits it, centred. */
  function mapBox(element, ratio) {
    const width = element.clientWidth - 16;
    const height = element.clientHeight - 56;
    return width / height < ratio
      ? {left: 8, right: 8, top: 8 + Math.max(0, (height - width / ratio) / 2)}
      : {top: 8, bottom: 48, left: 'center'};
  }

  async function drawMap() {
    const map = chart('chart-map');
    if (!map) {
      return;
    }
    if (!mapRegistered) {
      const shapes = await fetch('/ioc/api/units/' + unit + '/shapes', {credentials: 'same-origin'}).then((r) => r.json());
      shapes.features.forEach((f) => { f.properties.name = f.properties.code; });
      mapAspect = aspect(shapes);
      echarts.registerMap('ioc-' + unit, shapes);
      mapRegistered = true;
    }
    const data = await api('map?indicator=' + indicator);
    areas = {};
    data.areas.forEach((a) => { areas[a.code] = a; });
    const values = data.areas.map((a) => a.value).filter((v) => v !== null);
    const few = data.areas.length <= 40;
    const tiles = root.dataset.boundaries !== 'true';
    // a map of real boundaries is drawn a little narrower, as maps of Vietnam's latitudes are
    const scale = tiles ? 1 : 0.95;
    const box = mapBox(document.getElementById('chart-map'), mapAspect * scale);
    map.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const a = areas[p.name];
          if (!a) {
            return '';
          }
          const value = a.value === null ? texts.noData : numbers.format(a.value) + (data.share ? ' %' : '');
          return escape(a.name) + '<br>' + escape(texts['indicator.' + data.indicator]) + ': <b>' + value + '</b>'
            + (a.open ? '' : '<br><i>' + escape(texts.outside) + '</i>');
        }
      },
      visualMap: {
        min: 0, max: Math.max(1, ...values), calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        itemWidth: 12, itemHeight: 160, inRange: {color: ['#e3eef9', '#6baed6', '#08306b']},
        formatter: (v) => numbers.format(v)
      },
      series: [{
        type: 'map', map: 'ioc-' + unit, roam: false, selectedMode: false, aspectScale: scale, ...box,
        label: {show: few, fontSize: 9, lineHeight: 11, textBorderColor: '#fff', textBorderWidth: 2, formatter: (p) => (areas[p.name] ? twoLines(shortName(areas[p.name].name)) : '')},
        emphasis: {label: {show: true}, itemStyle: {areaColor: '#fdae6b'}},
        itemStyle: {borderColor: '#fff', borderWidth: tiles ? 0 : 0.5},
        data: data.areas.map((a) => ({name: a.code, value: a.value === null ? NaN : a.value}))
      }]
    }, true);
    map.off('click');
    map.on('click', (p) => {
      const a = areas[p.name];
      if (a && a.open) {
        window.location.href = '/ioc/units/' + a.code;
      }
    });
    drawRank(data);
    const csv = document.getElementById('map-csv');
    if (csv) {
      csv.href = '/ioc/api/units/' + unit + '/map/csv?indicator=' + indicator;
    }
  }

  /** The same figures as the map, as bars from the largest: the map shows where, the bars how much. */
  function drawRank(data) {
    const rank = chart('chart-rank');
    const sorted = data.areas.filter((a) => a.value !== null).sort((a, b) => b.value - a.value).slice(0, 34).reverse();
    rank.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: (v) => numbers.format(v) + (data.share ? ' %' : '')},
      grid: {left: 8, right: 24, top: 8, bottom: 8, containLabel: true},
      xAxis: {type: 'value', axisLabel: {formatter: (v) => numbers.format(v)}},
      yAxis: {type: 'category', data: sorted.map((a) => shortName(a.name)), axisTick: {show: false}, axisLabel: {fontSize: 10}},
      series: [{type: 'bar', data: sorted.map((a) => ({value: a.value, itemStyle: {color: a.open ? '#2171b5' : '#9ecae1'}})),
        barCategoryGap: '25%'}]
    }, true);
    rank.off('click');
    rank.on('click', (p) => {
      const a = sorted[p.dataIndex];
      if (a && a.open) {
        window.location.href = '/ioc/units/' + a.code;
      }
    });
  }

  async function drawPyramid() {
    const pyramid = chart('chart-pyramid');
    const data = await api('pyramid');
    pyramid.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: (v) => numbers.format(Math.abs(v))},
      legend: {data: [texts.male, texts.female], top: 0},
      grid: {left: 8, right: 16, top: 28, bottom: 8, containLabel: true},
      xAxis: {type: 'value', axisLabel: {formatter: (v) => numbers.format(Math.abs(v))}},
      yAxis: {type: 'category', data: data.groups, axisTick: {show: false}},
      series: [
        {name: texts.male, type: 'bar', stack: 'p', data: data.male.map((v) => -v), itemStyle: {color: '#3182bd'}, barCategoryGap: '10%'},
        {name: texts.female, type: 'bar', stack: 'p', data: data.female, itemStyle: {color: '#e6550d'}}
      ]
    });
  }

  async function drawTrends() {
    const data = await api('trends');
    chart('chart-trends').setOption({
      tooltip: {trigger: 'axis', valueFormatter: (v) => numbers.format(v)},
      legend: {data: [texts.births, texts.deaths], top: 0},
      grid: {left: 8, right: 16, top: 28, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: months(data.months)},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {name: texts.births, type: 'bar', data: data.births, itemStyle: {color: '#31a354'}},
        {name: texts.deaths, type: 'line', data: data.deaths, itemStyle: {color: '#636363'}}
      ]
    });
    chart('chart-population').setOption({
      tooltip: {trigger: 'axis', valueFormatter: (v) => numbers.format(v)},
      grid: {left: 8, right: 16, top: 16, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: data.days.map((d) => d.split('-').reverse().join('/'))},
      yAxis: {type: 'value', scale: true, axisLabel: {formatter: (v) => numbers.format(v)}},
      series: [{name: texts.population, type: 'line', showSymbol: data.days.length < 3, data: data.population, areaStyle: {opacity: 0.15}}]
    });
  }

  /** Origin × destination as a Sankey diagram of the largest flows: origins on the left, destinations on the right. */
  async function drawMoves() {
    const moves = chart('chart-moves');
    if (!moves) {
      return;
    }
    const data = await api('moves');
    const flows = data.flows.slice(0, 20);
    const none = flows.length === 0;
    document.getElementById('moves-none').hidden = !none;
    document.getElementById('chart-moves').style.display = none ? 'none' : '';
    if (none) {
      moves.clear();
      return;
    }
    moves.resize();
    const nodes = new Map();
    flows.forEach((f) => {
      nodes.set(shortName(f.originName) + ' ›', true);
      nodes.set('› ' + shortName(f.destinationName), true);
    });
    moves.setOption({
      tooltip: {trigger: 'item', valueFormatter: (v) => numbers.format(v)},
      series: [{
        type: 'sankey', left: 8, right: 8, top: 8, bottom: 8, nodeWidth: 10, nodeGap: 6, emphasis: {focus: 'adjacency'},
        label: {fontSize: 11}, lineStyle: {color: 'gradient', curveness: 0.5, opacity: 0.35},
        data: [...nodes.keys()].map((name) => ({name: name, label: {position: name.startsWith('›') ? 'left' : 'right'}})),
        links: flows.map((f) => ({source: shortName(f.originName) + ' ›', target: '› ' + shortName(f.destinationName), value: f.moves}))
      }]
    }, true);
  }

  function drawAll() {
    return Promise.allSettled([drawMap(), drawPyramid(), drawTrends(), drawMoves()]).then((results) => {
      results.filter((r) => r.status === 'rejected').forEach((r) => console.warn('IOC chart', r.reason));
      root.dataset.drawn = String(batch);
    });
  }

  const select = document.getElementById('indicator');
  if (select) {
    select.addEventListener('change', () => {
      indicator = select.value;
      drawMap();
    });
  }

  // PNG as drawn, on white
  root.addEventListener('click', (e) => {
    const button = e.target.closest('.ioc-png');
    if (!button || !charts[button.dataset.chart]) {
      return;
    }
    const link = document.createElement('a');
    link.href = charts[button.dataset.chart].getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#fff'});
    link.download = 'dancu-ioc-' + button.dataset.chart.replace('chart-', '') + '-' + unit + '.png';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  window.addEventListener('resize', () => {
    Object.values(charts).forEach((c) => c.resize());
    if (charts['chart-map']) {
      drawMap();
    }
  });

  // live: the server polls once a second for everyone and tells when the figures moved
  const latest = document.getElementById('latest-change');
  const events = new EventSource('/ioc/events');
  events.addEventListener('figures', (e) => {
    if (!document.body.contains(root)) { // htmx swapped another page in: this one is gone
      events.close();
      return;
    }
    const change = JSON.parse(e.data);
    latest.textContent = change.latestChange || texts.noChange;
    if (change.batch !== batch) {
      batch = change.batch;
      document.body.dispatchEvent(new CustomEvent('ioc-figures'));
      drawAll();
    }
  });
  window.addEventListener('pagehide', () => events.close());

  drawAll();
})();
