/**
 * The whole stylesheet, adopted by the shadow root. Colours, radius and font come from
 * `--revisit-*` custom properties, which pierce the shadow boundary, so a host page themes
 * the tour from its own CSS or through the `theme` option.
 */
export const TOUR_CSS = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
.root{
  font:400 15px/1.45 var(--revisit-font,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif);
  color:var(--revisit-text,#1d2433);
}
.spot,.dim{position:fixed;pointer-events:none}
.spot{
  border-radius:var(--revisit-spot-radius,6px);
  box-shadow:0 0 0 200vmax var(--revisit-overlay,rgb(15 20 30/.45));
  transition:left .2s,top .2s,width .2s,height .2s;
}
.dim{inset:0;background:var(--revisit-overlay,rgb(15 20 30/.45))}
.card{
  position:fixed;
  left:0;
  top:0;
  width:max-content;
  max-width:min(360px,calc(100vw - 16px));
  padding:16px;
  border-radius:var(--revisit-radius,10px);
  background:var(--revisit-bg,#fff);
  box-shadow:0 10px 30px rgb(0 0 0/.25);
  pointer-events:auto;
  outline:none;
}
.pending{visibility:hidden}
.centered{left:50%;top:50%;transform:translate(-50%,-50%)}
.sheet{
  left:0;
  right:0;
  top:auto;
  bottom:0;
  width:auto;
  max-width:none;
  max-height:75vh;
  overflow:auto;
  border-radius:var(--revisit-radius,10px) var(--revisit-radius,10px) 0 0;
  padding-bottom:max(16px,env(safe-area-inset-bottom));
}
.arrow{position:absolute;width:12px;height:12px;background:inherit;transform:rotate(45deg)}
.centered .arrow,.sheet .arrow{display:none}
h2{margin:0 0 6px;padding-inline-end:36px;font-size:17px;font-weight:600;line-height:1.3}
p{margin:0;white-space:pre-line}
img{display:block;max-width:100%;height:auto;margin-bottom:12px;border-radius:6px}
.footer{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:14px}
.progress{margin-inline-end:auto;color:var(--revisit-muted,#545d6e);font-size:13px}
button{
  min-width:44px;
  min-height:44px;
  padding:0 14px;
  border:1px solid transparent;
  border-radius:8px;
  background:none;
  color:inherit;
  font:inherit;
  cursor:pointer;
}
.primary{background:var(--revisit-accent,#2448d8);color:var(--revisit-accent-text,#fff)}
.secondary{border-color:var(--revisit-border,#aab2c0)}
.close{position:absolute;top:4px;inset-inline-end:4px;padding:0;font-size:22px;line-height:1}
button:focus-visible,.card:focus-visible{
  outline:3px solid var(--revisit-focus,#2448d8);
  outline-offset:2px;
}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
@media (forced-colors:active){.card{border:1px solid CanvasText}.spot{outline:2px solid Highlight}}
`;
