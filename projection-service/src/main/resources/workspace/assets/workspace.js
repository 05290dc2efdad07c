/*
 * The workspace's one script: the as-of picker, following new postings (the content region is reloaded in place),
 * the dashboard's charts (ECharts, served from the application) and its sortable table. Every page works without it;
 * it only adds. No inline script anywhere (Content-Security-Policy: script-src 'self').
 */
(function () {
  'use strict';

  var state = { contentReloads: 0 };
  window.workspace = state;

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  /** A Date as a datetime-local input writes it, in the browser's time zone. */
  function localValue(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' +
      pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function status(text) {
    var s = document.getElementById('live-status');
    if (!s) {
      return;
    }
    s.textContent = text;
    s.classList.add('shown');
    clearTimeout(status.timer);
    status.timer = setTimeout(function () { s.classList.remove('shown'); }, 5000);
  }

  /** The picker's local date and time become an ISO instant in asOf; an empty picker means now. */
  function asOfPicker() {
    var form = document.querySelector('form[data-as-of-form]');
    if (!form) {
      return;
    }
    var local = form.querySelector('#as-of-local');
    var hidden = form.querySelector('#as-of');
    if (hidden.value) {
      var shown = new Date(hidden.value);
      if (!isNaN(shown.getTime())) {
        local.value = localValue(shown);
      }
    }
    form.addEventListener('submit', function (event) {
      if (!local.value) {
        hidden.disabled = true;
        return;
      }
      var chosen = new Date(local.value);
      if (isNaN(chosen.getTime())) {
        event.preventDefault();
        status('请选择有效的日期和时间');
        return;
      }
      hidden.value = chosen.toISOString();
    });
  }

  /** While no asOf is chosen, ask how far the figures go; when they moved, reload the content region in place. */
  function live() {
    var main = document.getElementById('content');
    if (!main || !main.dataset.live) {
      return;
    }
    var seconds = parseInt(main.dataset.pollSeconds || '5', 10);
    var busy = false;
    setInterval(function () {
      if (busy || document.hidden) {
        return;
      }
      busy = true;
      fetch(main.dataset.live, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
        .then(function (r) {
          if (r.status === 401) {
            status('登录已过期，请重新登录');
            return null;
          }
          return r.ok ? r.json() : null;
        })
        .then(function (p) {
          if (!p || String(p.position) === main.dataset.position) {
            return null;
          }
          return fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
              if (!html) {
                return;
              }
              var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('content');
              if (!fresh) {
                return;
              }
              disposeCharts(main);
              main.innerHTML = fresh.innerHTML;
              main.dataset.position = fresh.dataset.position || String(p.position);
              state.contentReloads++;
              enhance(main);
              status('有新的记账，数据已更新（' + new Date().toLocaleTimeString('zh-CN') + '）');
            });
        })
        .catch(function () { /* the next poll tries again */ })
        .then(function () { busy = false; });
    }, seconds * 1000);
  }

  // ------------------------------------------------------------------ charts

  var GRID = { left: 12, right: 16, top: 48, bottom: 8, containLabel: true };

  function categories(d) {
    return { type: 'category', data: d.units, axisLabel: { interval: 0, rotate: d.units.length > 3 ? 30 : 0 } };
  }

  function bars(d, series) {
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: GRID,
      xAxis: categories(d),
      yAxis: { type: 'value', name: '万元' },
      series: series
    };
  }

  function bar(name, data, stack) {
    var s = { name: name, type: 'bar', data: data };
    if (stack) {
      s.stack = stack;
    }
    return s;
  }

  function option(name, d) {
    switch (name) {
      case 'income-expenditure':
        return bars(d, [bar('本年收入合计', d.income), bar('本年支出合计', d.expenditure)]);
      case 'basic-project':
        return bars(d, [bar('基本支出', d.basic, 'spending'), bar('项目支出', d.project, 'spending')]);
      case 'sangong':
        return bars(d, [bar('“三公”经费预算', d.sangongBudget), bar('“三公”经费决算', d.sangong)]);
      case 'operating-costs':
        return bars(d, [bar('机关运行经费', d.operatingCosts)]);
      case 'year-on-year':
        return bars({ units: d.compared }, [bar('上年支出合计', d.comparedPrevious), bar('本年支出合计', d.comparedCurrent)]);
      case 'monthly':
        return {
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { type: 'scroll', top: 0 },
          grid: GRID,
          xAxis: { type: 'category', data: d.months },
          yAxis: { type: 'value', name: '万元' },
          series: d.monthly.map(function (m) { return { name: m.name, type: 'line', data: m.values }; })
        };
      default:
        return null;
    }
  }

  function disposeCharts(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) {
        chart.dispose();
      }
    });
  }

  function charts(root) {
    var source = root.querySelector('#dashboard-data');
    if (!source || !window.echarts) {
      return;
    }
    var d = JSON.parse(source.textContent);
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var o = option(el.dataset.chart, d);
      if (o) {
        window.echarts.init(el, null, { renderer: 'canvas', locale: 'ZH' }).setOption(o);
      }
    });
  }

  window.addEventListener('resize', function () {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) {
        chart.resize();
      }
    });
  });

  // ------------------------------------------------------------------ the sortable table

  function withSort(href, key, order) {
    var url = new URL(href, location.href);
    url.searchParams.set('sort', key);
    url.searchParams.set('order', order);
    return url.pathname + url.search;
  }

  function sortable(root) {
    root.querySelectorAll('table[data-sortable]').forEach(function (table) {
      table.querySelectorAll('thead th[data-sort-key] a').forEach(function (link) {
        link.addEventListener('click', function (event) {
          event.preventDefault();
          var th = link.parentElement;
          var ascending = th.getAttribute('aria-sort') === 'descending';
          var index = Array.prototype.indexOf.call(th.parentElement.children, th);
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (x, y) {
            var a = parseFloat(x.cells[index].dataset.value);
            var b = parseFloat(y.cells[index].dataset.value);
            return (ascending ? a - b : b - a) || x.dataset.unit.localeCompare(y.dataset.unit);
          });
          rows.forEach(function (r) { body.appendChild(r); });
          table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var order = ascending ? 'asc' : 'desc';
          var exported = root.querySelector('a[data-export]');
          if (exported) {
            exported.setAttribute('href', withSort(exported.getAttribute('href'), th.dataset.sortKey, order));
          }
          history.replaceState(null, '', withSort(location.href, th.dataset.sortKey, order));
          status('已按“' + link.textContent + '”' + (ascending ? '升序' : '降序') + '排列');
        });
      });
    });
  }

  function enhance(root) {
    charts(root);
    sortable(root);
  }

  function start() {
    asOfPicker();
    enhance(document);
    live();
    document.documentElement.setAttribute('data-ready', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
