/**
 * A minimal H.264 Constrained Baseline encoder: every picture is an IDR slice of I_PCM macroblocks
 * (raw 4:2:0 samples), which needs no transform, prediction or entropy coding and is valid CAVLC.
 * Its price is size (384 bytes per 16×16 macroblock); its gift is a frame size that never depends
 * on the picture, so a container can be laid out before any frame is drawn.
 */
import { BitWriter, nalUnit } from "./bits";
import type { Yuv420 } from "./yuv";

const PROFILE_BASELINE = 66;
/** constraint_set0 and constraint_set1: the stream is also Constrained Baseline (what browsers ask for). */
const CONSTRAINT_FLAGS = 0b1100_0000;
/** Level 3.0. I_PCM ignores the level's MinCR, which decoders do not enforce; the bitrate fits 3.0's 10 Mbit/s class. */
const LEVEL = 30;
const LOG2_MAX_FRAME_NUM = 4;
/** mb_type 25 in an I slice is I_PCM (H.264 Table 7-11). */
const MB_TYPE_I_PCM = 25;
const NAL_SLICE_IDR = 5;
const NAL_SPS = 7;
const NAL_PPS = 8;
/** nal_ref_idc for pictures and parameter sets that later pictures may depend on. */
const REF_IDC = 3;

/** Picture size in macroblocks and the cropping that brings it back to the visible size. */
export interface Geometry {
  width: number;
  height: number;
  mbWidth: number;
  mbHeight: number;
  codedWidth: number;
  codedHeight: number;
}

/** The coded size for a visible `width`×`height` (both even: 4:2:0 crops in steps of two). */
export function geometry(width: number, height: number): Geometry {
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError("H.264 4:2:0 needs an even width and height");
  const mbWidth = Math.ceil(width / 16);
  const mbHeight = Math.ceil(height / 16);
  return { width, height, mbWidth, mbHeight, codedWidth: mbWidth * 16, codedHeight: mbHeight * 16 };
}

/** Sequence parameter set NAL unit (with VUI: BT.709 limited range, constant frame rate, no reordering). */
export function sequenceParameterSet(geo: Geometry, fps: number): Uint8Array {
  const w = new BitWriter();
  w.u(8, PROFILE_BASELINE).u(8, CONSTRAINT_FLAGS).u(8, LEVEL);
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type 2: output order is decoding order
  w.ue(1); // max_num_ref_frames
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue(geo.mbWidth - 1).ue(geo.mbHeight - 1);
  w.u(1, 1); // frame_mbs_only_flag
  w.u(1, 1); // direct_8x8_inference_flag
  const cropRight = (geo.codedWidth - geo.width) / 2;
  const cropBottom = (geo.codedHeight - geo.height) / 2;
  w.u(1, cropRight || cropBottom ? 1 : 0);
  if (cropRight || cropBottom) w.ue(0).ue(cropRight).ue(0).ue(cropBottom);
  w.u(1, 1); // vui_parameters_present_flag
  w.u(1, 1).u(8, 1); // aspect_ratio_info: 1:1 pixels
  w.u(1, 0); // overscan_info_present_flag
  w.u(1, 1).u(3, 5).u(1, 0); // video_signal_type: unspecified format, limited range
  w.u(1, 1).u(8, 1).u(8, 1).u(8, 1); // colour description: BT.709 primaries, transfer, matrix
  w.u(1, 0); // chroma_loc_info_present_flag
  w.u(1, 1)
    .u(32, 1)
    .u(32, fps * 2)
    .u(1, 1); // timing: a tick is half a frame; fixed frame rate
  w.u(1, 0).u(1, 0); // no NAL or VCL HRD parameters
  w.u(1, 0); // pic_struct_present_flag
  w.u(1, 1); // bitstream_restriction_flag
  w.u(1, 1); // motion_vectors_over_pic_boundaries_flag
  w.ue(0).ue(0); // max_bytes_per_pic_denom, max_bits_per_mb_denom: 0 = no limit (I_PCM exceeds the defaults)
  w.ue(16).ue(16); // log2_max_mv_length_horizontal/vertical
  w.ue(0).ue(1); // max_num_reorder_frames, max_dec_frame_buffering
  return nalUnit(REF_IDC, NAL_SPS, w.trailingBits().finish());
}

/** Picture parameter set NAL unit (CAVLC, one slice group, deblocking controlled per slice). */
export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0).ue(0); // pic_parameter_set_id, seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag: CAVLC
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0).ue(0); // num_ref_idx_l0/l1_default_active_minus1
  w.u(1, 0).u(2, 0); // weighted_pred_flag, weighted_bipred_idc
  w.se(0).se(0).se(0); // pic_init_qp_minus26, pic_init_qs_minus26, chroma_qp_index_offset
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(1, 0); // constrained_intra_pred_flag
  w.u(1, 0); // redundant_pic_cnt_present_flag
  return nalUnit(REF_IDC, NAL_PPS, w.trailingBits().finish());
}

function writePcmMacroblock(w: BitWriter, picture: Yuv420, mbX: number, mbY: number, block: Uint8Array): void {
  w.ue(MB_TYPE_I_PCM).alignWithZeros();
  const stride = picture.width;
  for (let row = 0; row < 16; row++) {
    const start = (mbY * 16 + row) * stride + mbX * 16;
    block.set(picture.y.subarray(start, start + 16), row * 16);
  }
  const chromaStride = stride / 2;
  for (let row = 0; row < 8; row++) {
    const start = (mbY * 8 + row) * chromaStride + mbX * 8;
    block.set(picture.u.subarray(start, start + 8), 256 + row * 8);
    block.set(picture.v.subarray(start, start + 8), 320 + row * 8);
  }
  w.bytes(block);
}

/**
 * One IDR picture as a single slice of I_PCM macroblocks. Consecutive IDR pictures must differ in
 * idr_pic_id (H.264 7.4.3), so callers alternate 0 and 1.
 */
export function idrPcmPicture(geo: Geometry, picture: Yuv420, idrPicId: number): Uint8Array {
  const w = new BitWriter(geo.mbWidth * geo.mbHeight * 386 + 32);
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I, and every slice of the picture is I
  w.ue(0); // pic_parameter_set_id
  w.u(LOG2_MAX_FRAME_NUM, 0); // frame_num is 0 in an IDR picture
  w.ue(idrPicId);
  w.u(1, 0).u(1, 0); // dec_ref_pic_marking: no_output_of_prior_pics_flag, long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: off (I_PCM samples are exact; nothing to smooth)
  const block = new Uint8Array(384);
  for (let mbY = 0; mbY < geo.mbHeight; mbY++) {
    for (let mbX = 0; mbX < geo.mbWidth; mbX++) writePcmMacroblock(w, picture, mbX, mbY, block);
  }
  return nalUnit(REF_IDC, NAL_SLICE_IDR, w.trailingBits().finish());
}
