// 企服通 console: small progressive enhancements (the pages work without them).
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () {
      window.print();
    });
  });

  // Ticket queue: refresh the rows when any ticket changes (server-sent events).
  var queue = document.getElementById("queue");
  if (queue && window.EventSource) {
    var body = document.getElementById("queue-body");
    var status = document.getElementById("queue-status");
    var first = true;
    var es = new EventSource("/console/events");
    es.addEventListener("tickets", function () {
      if (first) {
        first = false;
        return;
      } // the first stamp describes what is already shown
      fetch(queue.getAttribute("data-refresh"), { credentials: "same-origin" })
        .then(function (r) {
          return r.ok
            ? r.text().then(function (t) {
                return { t: t, n: r.headers.get("x-row-count") };
              })
            : null;
        })
        .then(function (res) {
          if (!res) return;
          body.innerHTML = res.t; // server-rendered, escaped HTML from our own origin
          if (status)
            status.textContent =
              "共 " + res.n + " 件。列表已于 " + new Date().toLocaleTimeString("zh-CN") + " 自动刷新。";
        })
        .catch(function () {});
    });
  }

  // Knowledge: follow a running re-ingest job, then reload to show the result.
  var job = document.getElementById("job");
  if (job && job.getAttribute("data-finished") !== "1") {
    var id = job.getAttribute("data-job");
    var timer = setInterval(function () {
      fetch("/console/knowledge/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (j) {
          if (!j) return;
          var s = job.querySelector(".job-state");
          if (s && j.progress && j.progress.stage)
            s.textContent =
              "进行中：" + j.progress.stage + " " + (j.progress.done || 0) + "/" + (j.progress.total || 0);
          if (j.finished) {
            clearInterval(timer);
            location.reload();
          }
        })
        .catch(function () {});
    }, 1000);
  }

  // Dashboard charts (Chart.js from node_modules, served by the console).
  var dataEl = document.getElementById("dashboard-data");
  if (!dataEl || !window.Chart) return;
  var d = JSON.parse(dataEl.textContent);
  var palette = [
    "#1456f0",
    "#2ea121",
    "#de7802",
    "#d83931",
    "#7f3bf5",
    "#00a0a0",
    "#b8860b",
    "#e0427f",
    "#4e6ef2",
    "#8f959e",
    "#3c8c5a",
  ];
  var color = function (i) {
    return palette[i % palette.length];
  };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;
  var pct = function (v) {
    return v == null ? null : Math.round(v * 1000) / 10;
  };
  var shortLabel = function (s) {
    var m = /^(项目\d+)/.exec(s);
    return m ? m[1] : s;
  };
  var projects = d.projects.map(function (p) {
    return shortLabel(p.group);
  });
  function chart(id, config) {
    var el = document.getElementById(id);
    if (el) new Chart(el, config);
  }
  chart("chart-weekly", {
    type: "bar",
    data: {
      labels: d.weekly.weeks.map(function (w) {
        return w.slice(5);
      }),
      datasets: d.weekly.series.map(function (s, i) {
        return { label: shortLabel(s.label), data: s.data, backgroundColor: color(i) };
      }),
    },
    options: {
      scales: {
        x: { stacked: true, title: { display: true, text: "周（周一）" } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
  chart("chart-otr", {
    type: "bar",
    data: {
      labels: projects,
      datasets: [
        {
          type: "bar",
          label: "一次性化解率 %",
          data: d.projects.map(function (p) {
            return pct(p.otr);
          }),
          backgroundColor: d.projects.map(function (p) {
            return p.otr != null && p.otr < d.target ? "#d83931" : "#2ea121";
          }),
        },
        {
          type: "line",
          label: "目标 " + d.target * 100 + "%",
          data: projects.map(function () {
            return d.target * 100;
          }),
          borderColor: "#1f2329",
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ],
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  chart("chart-times", {
    type: "bar",
    data: {
      labels: projects,
      datasets: [
        {
          label: "首次响应中位数",
          data: d.projects.map(function (p) {
            return p.frMedian;
          }),
          backgroundColor: "#1456f0",
        },
        {
          label: "首次响应P90",
          data: d.projects.map(function (p) {
            return p.frP90;
          }),
          backgroundColor: "#9db5f7",
        },
        {
          label: "办结中位数",
          data: d.projects.map(function (p) {
            return p.resMedian;
          }),
          backgroundColor: "#2ea121",
        },
        {
          label: "办结P90",
          data: d.projects.map(function (p) {
            return p.resP90;
          }),
          backgroundColor: "#a6dba0",
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: "工作日" } } } },
  });
  chart("chart-breaches", {
    type: "bar",
    data: {
      labels: projects,
      datasets: [
        {
          label: "首响超时",
          data: d.projects.map(function (p) {
            return p.frBreaches;
          }),
          backgroundColor: "#de7802",
        },
        {
          label: "办结超时",
          data: d.projects.map(function (p) {
            return p.resBreaches;
          }),
          backgroundColor: "#d83931",
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  chart("chart-satisfaction", {
    type: "bar",
    data: {
      labels: d.units.map(function (u) {
        return u.group;
      }),
      datasets: [
        {
          label: "满意度 %（满意+基本满意）",
          data: d.units.map(function (u) {
            return pct(u.satisfaction);
          }),
          backgroundColor: "#7f3bf5",
        },
      ],
    },
    options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } },
  });
  chart("chart-bot", {
    type: "doughnut",
    data: {
      labels: d.bot.labels,
      datasets: [{ data: d.bot.counts, backgroundColor: ["#2ea121", "#1456f0", "#8f959e", "#de7802"] }],
    },
    options: { plugins: { legend: { position: "right" } } },
  });
})();
