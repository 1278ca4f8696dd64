declare module "*.css";
declare module "plotly.js-dist-min";
