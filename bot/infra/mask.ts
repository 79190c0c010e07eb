// Masking lives in the knowledge layer's shared helpers (knowledge/infra); bot code keeps this path.
export { maskDeep, maskPersonalData } from "../../knowledge/infra/mask.js";
