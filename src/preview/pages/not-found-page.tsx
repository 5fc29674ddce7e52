import { PageLayout } from './page-layout.tsx';

export function NotFoundPage({ generation, message }: { generation: number; message: string }) {
  return (
    <PageLayout title="Not found" generation={generation}>
      <h1>Not found</h1>
      <p>{message}</p>
      <p>
        <a href="/">All editions</a>
      </p>
    </PageLayout>
  );
}
