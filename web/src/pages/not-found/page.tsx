/** The app's own not-found view, for any address no route knows. */
export default function NotFoundPage(props: { signedIn: boolean }) {
  return (
    <div class="page page-narrow not-found">
      <p class="eyebrow">404</p>
      <h1 class="page-title">This page does not exist</h1>
      <p class="page-description">The address may be mistyped, or the page has moved.</p>
      <div class="row">
        <a class="btn btn-primary" href={props.signedIn ? "/create" : "/"}>
          {props.signedIn ? "Go to Create" : "Go to the home page"}
        </a>
      </div>
    </div>
  );
}
