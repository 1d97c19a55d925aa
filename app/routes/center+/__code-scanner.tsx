// Camera scanning as progressive enhancement: shown wherever the browser can open a camera. It
// decodes with the browser's BarcodeDetector where there is one (Android Chrome) and otherwise with
// jsQR (iOS Safari, Firefox, desktop Chrome), which is imported only when the camera starts, so no
// other page carries it. A decoded QR fills the code field and submits its form (whose hidden
// `intent` says "code"); typing the code always works.
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/i18n";

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
declare global {
  interface Window {
    BarcodeDetector?: {
      new (options: { formats: string[] }): Detector;
      getSupportedFormats?: () => Promise<string[]>;
    };
  }
}

type Decode = (video: HTMLVideoElement) => Promise<string | null>;

async function makeDecoder(): Promise<Decode> {
  // Some browsers have the API without a QR reader behind it: ask before relying on it.
  const formats = (await window.BarcodeDetector?.getSupportedFormats?.().catch(() => [])) ?? [];
  if (window.BarcodeDetector && formats.includes("qr_code")) {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    const { videoWidth: width, videoHeight: height } = video;
    if (!context || !width || !height) return null;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const found = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
      inversionAttempts: "dontInvert",
    });
    return found?.data || null;
  };
}

export function CodeScanner({ inputId }: { inputId: string }) {
  const t = useT();
  const [supported, setSupported] = useState(false);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => setSupported(Boolean(navigator.mediaDevices?.getUserMedia)), []);

  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const start = async () => {
      const decode = await makeDecoder();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      if (!video.current || stopped) return stream.getTracks().forEach((track) => track.stop());
      video.current.srcObject = stream;
      await video.current.play();
      const tick = async () => {
        if (stopped || !video.current) return;
        const value = await decode(video.current);
        if (value) {
          const input = document.getElementById(inputId) as HTMLInputElement | null;
          if (input) {
            input.value = value;
            input.form?.requestSubmit();
          }
          setActive(false);
          return;
        }
        timer = window.setTimeout(tick, 250);
      };
      void tick();
    };
    start().catch(() => {
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
      {active ? (
        <video
          ref={video}
          className="mt-2 w-full max-w-sm rounded"
          muted
          playsInline
          aria-label={t("desk.camera.view")}
        />
      ) : null}
    </div>
  );
}
