// The rule language's interpreter, the same rules as survey_app/questionnaires/expressions.py:
// the server parses each rule into a tree once; both sides evaluate that tree.
(function () {
  "use strict";

  function number(value) {
    if (value === null || value === undefined || typeof value === "boolean" || value === "") { return null; }
    var n = Number(value);
    return isNaN(n) ? null : n;
  }

  function compare(op, left, right) {
    var missing = left === null || left === undefined || right === null || right === undefined;
    if (missing || Array.isArray(left) || Array.isArray(right)) {
      return op === "!=" && JSON.stringify(left) !== JSON.stringify(right);
    }
    var a = number(left), b = number(right);
    if (a === null || b === null) { a = String(left); b = String(right); }
    switch (op) {
      case "=": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case "<=": return a <= b;
      case ">": return a > b;
      case ">=": return a >= b;
    }
    return false;
  }

  function call(tree, answers) {
    var answer = answers[tree[2]];
    if (tree[1] === "answered") { return !(answer === undefined || answer === null || answer === "" || (Array.isArray(answer) && !answer.length)); }
    if (tree[1] === "count") { return Array.isArray(answer) ? answer.length : (answer === undefined || answer === null || answer === "" ? 0 : 1); }
    var chosen = Array.isArray(answer) ? answer : [answer];
    return chosen.indexOf(tree[3]) >= 0;
  }

  function evaluate(tree, answers, band, value) {
    switch (tree[0]) {
      case "lit": return tree[1];
      case "ref": return answers[tree[1]] === undefined ? null : answers[tree[1]];
      case "self": return value;
      case "band": return band;
      case "or": return Boolean(evaluate(tree[1], answers, band, value)) || Boolean(evaluate(tree[2], answers, band, value));
      case "and": return Boolean(evaluate(tree[1], answers, band, value)) && Boolean(evaluate(tree[2], answers, band, value));
      case "not": return !evaluate(tree[1], answers, band, value);
      case "cmp": return compare(tree[1], evaluate(tree[2], answers, band, value), evaluate(tree[3], answers, band, value));
      case "call": return call(tree, answers);
    }
    return false;
  }

  window.MMCRules = { evaluate: evaluate };
})();
