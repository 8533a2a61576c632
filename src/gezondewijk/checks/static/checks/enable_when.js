// Show a question only when its enable-when conditions hold; without JavaScript every
// question is shown and the server ignores answers to questions that do not apply.
(function () {
  const form = document.querySelector("form[data-questionnaire]");
  if (!form) return;
  const valuesOf = (linkId) =>
    Array.from(form.querySelectorAll(`[name="${CSS.escape(linkId)}"]`))
      .filter((el) => (el.type === "radio" || el.type === "checkbox" ? el.checked : el.value !== ""))
      .map((el) => el.value);
  const asType = (given, expected) => {
    if (typeof expected === "boolean") return given === "true";
    if (typeof expected === "number") return Number(given);
    return given;
  };
  const holds = (c) => {
    const given = valuesOf(c.q);
    if (c.op === "exists") return (given.length > 0) === Boolean(c.a);
    if (!given.length) return c.op === "!=";
    const ops = { "=": (x, y) => x === y, "!=": (x, y) => x !== y, ">": (x, y) => x > y,
      "<": (x, y) => x < y, ">=": (x, y) => x >= y, "<=": (x, y) => x <= y };
    const op = ops[c.op];
    return op ? given.some((g) => op(asType(g, c.a), c.a)) : false;
  };
  const update = () => {
    form.querySelectorAll("[data-enable-when]").forEach((el) => {
      const rule = JSON.parse(el.dataset.enableWhen);
      if (!rule.when.length) return;
      const results = rule.when.map(holds);
      el.hidden = !(rule.any ? results.some(Boolean) : results.every(Boolean));
    });
  };
  form.addEventListener("change", update);
  update();
})();
