/** Account → Developers: the way to the API keys page, which has a route of its own. */
export function DevelopersSection() {
  return (
    <section class="card account-section" aria-labelledby="developers-title">
      <h2 id="developers-title" class="card-title">
        Developers
      </h2>
      <p class="card-text">API keys let your own programs generate, read your gallery and check your credits.</p>
      <div class="form-footer">
        <a class="btn btn-secondary" href="/account/developers">
          Manage API keys
        </a>
      </div>
    </section>
  );
}
