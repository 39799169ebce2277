import { SafeHtml } from "@alma-suite/core";

/** One small stylesheet: fluid widths (no horizontal scroll at 375 px) and a visible focus ring. */
export const STYLES = new SafeHtml(`
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#fafaf7}
a{color:#1f4fd1}
:focus-visible{outline:3px solid #fa5022;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
.top{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;justify-content:space-between;padding:12px 16px;background:#fff;border-bottom:1px solid #e5e5e0}
.brand{margin:0;font-weight:700}.brand a{color:inherit;text-decoration:none}.brand span{font-weight:400;color:#666}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
main{max-width:960px;margin:0 auto;padding:16px}
main:focus{outline:none}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px;list-style:none;padding:0}
.card{background:#fff;border:1px solid #e5e5e0;border-radius:8px;padding:12px}
.card h2{font-size:1.1rem;margin:.5rem 0}
.swatch{display:block;height:120px;border-radius:6px}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px}
@media (max-width:640px){.product{grid-template-columns:minmax(0,1fr)}}
.price{font-size:1.3rem;font-weight:700}
.alma-eligibility{min-height:1.5em;color:#333}
.alma-eligibility__panel{list-style:none;margin:.25rem 0;padding:.5rem .75rem;border-left:4px solid #fa5022;background:#fff4ef}
button,.button{display:inline-block;font:inherit;padding:10px 18px;border-radius:6px;border:0;background:#c43a10;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#1d1d1f;border:1px solid #999}
label{font-weight:600}
input,select{font:inherit;padding:8px;border:1px solid #999;border-radius:6px;max-width:100%}
.field{margin:0 0 12px}.field label{display:block}.field input{width:100%;max-width:24rem}
.plan label span{font-weight:400}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px;border-bottom:1px solid #e5e5e0}
td.num,th.num{text-align:right;white-space:nowrap}
@media (max-width:480px){th,td{padding:6px 4px}button.secondary{padding:6px 10px}}
.alma-eligibility__title{margin:0;font-size:.9rem;color:#555}
.table-wrap{overflow-x:auto}
fieldset{border:1px solid #e5e5e0;border-radius:8px;padding:12px;margin:0 0 16px}
.plan{display:flex;gap:8px;align-items:flex-start;padding:6px 0}
.notice{padding:12px 16px;border-radius:8px;margin:0 0 16px;border:1px solid}
.notice.good{background:#eefaf0;border-color:#4caf50}.notice.bad{background:#fdeeee;border-color:#d32f2f}.notice.wait{background:#fff8e1;border-color:#f9a825}
.inline{display:inline}
/* The FR / EN switch */
.languages{display:flex;gap:8px;list-style:none;margin:0;padding:0}.languages span{font-weight:700}
.schedule td.num{white-space:nowrap}
.terms{font-size:.9rem;color:#444}.terms p{margin:.15rem 0}.terms .warning{font-weight:600;color:#1d1d1f}
footer{padding:16px;color:#666;font-size:.9rem;text-align:center}
`);
