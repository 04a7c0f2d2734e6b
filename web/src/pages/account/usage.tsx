/** Account → Your usage: the way to the usage page, which has a route of its own. */
export function UsageSection() {
  return (
    <section class="card account-section" aria-labelledby="usage-title">
      <h2 id="usage-title" class="card-title">
        Your usage
      </h2>
      <p class="card-text">Credits spent and generations over time, your top models, and the usage data Ausar holds about you.</p>
      <div class="form-footer">
        <a class="btn btn-secondary" href="/account/usage">
          See your usage
        </a>
      </div>
    </section>
  );
}
