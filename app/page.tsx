import { currentUser } from "@/lib/http/page-session";
import { Flow } from "@/components/landing/flow";
import { Hero } from "@/components/landing/hero";
import { LandingFooter } from "@/components/landing/landing-footer";
import { LandingHeader } from "@/components/landing/landing-header";
import { Pricing } from "@/components/landing/pricing";

/** The public landing and pricing page: server-rendered, no client JavaScript of its own. */
export default async function LandingPage() {
  const signedIn = (await currentUser()) !== null;
  return (
    <>
      <LandingHeader signedIn={signedIn} />
      <main>
        <Hero signedIn={signedIn} />
        <Flow />
        <Pricing signedIn={signedIn} />
      </main>
      <LandingFooter />
    </>
  );
}
