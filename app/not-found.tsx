import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-12 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-500">
        <Link href="/" className="text-sky-700 underline">
          Back to the overview
        </Link>
      </p>
    </main>
  );
}
