// Camera scanning as progressive enhancement: shown only where the browser has BarcodeDetector.
// A detected QR fills the code field and submits its form; typing the code always works.
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/i18n";

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => Detector;
  }
}

export function CodeScanner({ inputId }: { inputId: string }) {
  const t = useT();
  const [supported, setSupported] = useState(false);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(
    () => setSupported(typeof window !== "undefined" && "BarcodeDetector" in window && !!navigator.mediaDevices),
    [],
  );

  useEffect(() => {
    if (!active || !window.BarcodeDetector) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(async (s) => {
        stream = s;
        if (!video.current || stopped) return;
        video.current.srcObject = s;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) {
            const input = document.getElementById(inputId) as HTMLInputElement | null;
            if (input) {
              input.value = found[0].rawValue;
              input.form?.requestSubmit();
            }
            setActive(false);
            return;
          }
          timer = window.setTimeout(tick, 300);
        };
        void tick();
      })
      .catch(() => {
        setProblem(t("activities.checkin.cameraUnavailable"));
        setActive(false);
      });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, inputId, t]);

  if (!supported) return null;
  return (
    <div className="mt-2">
      <button type="button" className="btn-secondary" onClick={() => setActive((a) => !a)}>
        {active ? t("activities.checkin.stopCamera") : t("activities.checkin.scan")}
      </button>
      {problem ? <p className="field-error">{problem}</p> : null}
      {active ? <video ref={video} className="mt-2 w-full max-w-sm rounded" muted playsInline /> : null}
    </div>
  );
}
