using System.Security.Cryptography;
using System.Text;

namespace Ommx.Integration.Reporting;

/// <summary>
/// The style sheet and the one script of a report page. The script sorts the Runs table by a clicked column and
/// filters it by the text typed; it reads only the page's own DOM. The page's Content-Security-Policy allows
/// exactly this script (by its hash) and nothing from any origin.
/// </summary>
internal static class ReportHtmlAssets
{
    public const string Style = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:14px;color:#1f2328}
        body{margin:0 auto;max-width:1400px;padding:16px 24px;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        .image{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:15px;overflow-wrap:anywhere;margin:0 0 12px}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
        dl.facts dt{color:#59636e}dl.facts dd{margin:0;overflow-wrap:anywhere}dl.facts dd[class^=status-]{justify-self:start;padding:0 8px;border-radius:10px}
        .counts span{display:inline-block;margin:8px 8px 0 0;padding:2px 8px;border-radius:10px;background:#eef1f4}
        .counts .o-failed,.status-failed{background:#ffebe9;color:#a40e26}.counts .o-interrupted,.status-interrupted{background:#fff1e5;color:#953800}
        .counts .o-passed,.counts .o-finished,.status-finished{background:#dafbe1;color:#116329}
        nav a{margin-right:12px}
        .plots{display:flex;flex-wrap:wrap;gap:12px}
        figure.plot{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:4px;background:#fff}
        figure.plot figcaption{font-size:12px;color:#59636e;max-width:560px;padding:2px 4px}
        details.failure{border:1px solid #d0d7de;border-left:4px solid #cf222e;border-radius:4px;margin:6px 0;padding:4px 8px}
        details.failure.o-interrupted{border-left-color:#bc4c00}
        details.failure summary{cursor:pointer;overflow-wrap:anywhere}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:8px;border-radius:4px;max-height:480px;overflow:auto;margin:4px 0}
        h3{font-size:13px;margin:8px 0 2px}
        table{border-collapse:collapse;font-size:13px}
        th,td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere;max-width:36ch;min-width:6ch}
        th{background:#f6f8fa;position:sticky;top:0;cursor:pointer;user-select:none;white-space:nowrap;overflow-wrap:normal;max-width:none}
        #runs-table td:nth-child(-n+2){white-space:nowrap;min-width:0}
        th[data-type=number],td.n{text-align:right}
        th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
        tr.o-failed td:nth-child(2){background:#ffebe9;color:#a40e26}tr.o-interrupted td:nth-child(2){background:#fff1e5;color:#953800}
        tr.o-skipped{color:#59636e}td.na{color:#8c959f}
        tr.broke td,tr.regressed td{background:#ffebe9}tr.fixed td,tr.improved td{background:#dafbe1}tr.still-failing td{background:#fff8c5}
        .filter{margin:4px 0 8px}.filter input{width:28em;max-width:100%;padding:4px}
        .notes{color:#59636e;font-size:12px}
        """;

    public const string Script = """
        (function () {
          var table = document.getElementById('runs-table');
          if (!table) { return; }
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var filter = document.getElementById('filter');
          var shown = document.getElementById('shown');
          var texts = null;
          function apply() {
            var query = filter.value.toLowerCase();
            if (texts === null) { texts = rows.map(function (r) { return r.textContent.toLowerCase(); }); }
            var count = 0;
            for (var i = 0; i < rows.length; i++) {
              var visible = !query || texts[i].indexOf(query) >= 0;
              rows[i].hidden = !visible;
              if (visible) { count++; }
            }
            shown.textContent = count + ' of ' + rows.length + ' runs shown';
          }
          var timer = 0;
          filter.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
          var headers = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers, function (header, column) {
            header.addEventListener('click', function () {
              var ascending = header.getAttribute('aria-sort') !== 'ascending';
              var numeric = header.getAttribute('data-type') === 'number';
              Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
              header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              var keyed = rows.map(function (row, index) {
                var text = row.cells[column].classList.contains('na') ? null : row.cells[column].textContent;
                var key = text === null ? null : numeric ? parseFloat(text) : text;
                if (numeric && key !== null && isNaN(key)) { key = null; }
                return { key: key, index: index, row: row };
              });
              keyed.sort(function (a, b) {
                if (a.key === b.key) { return a.index - b.index; }
                if (a.key === null) { return 1; }
                if (b.key === null) { return -1; }
                var order = numeric ? a.key - b.key : (a.key < b.key ? -1 : 1);
                return ascending ? order : -order;
              });
              var fragment = document.createDocumentFragment();
              rows = keyed.map(function (entry) { fragment.appendChild(entry.row); return entry.row; });
              texts = null;
              body.appendChild(fragment);
              apply();
            });
          });
          apply();
        })();
        """;

    /// <summary>The CSP source that allows <see cref="Script"/> and no other script.</summary>
    public static string ScriptHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script))) + "'";
}
