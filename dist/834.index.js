export const id = 834;
export const ids = [834];
export const modules = {

/***/ 3834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkImagesUsed: () => (/* binding */ checkImagesUsed),
/* harmony export */   checkOneDefinitionPerFamily: () => (/* binding */ checkOneDefinitionPerFamily),
/* harmony export */   containerNames: () => (/* binding */ containerNames),
/* harmony export */   imagesFor: () => (/* binding */ imagesFor),
/* harmony export */   loadReleaseFiles: () => (/* binding */ loadReleaseFiles)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9196);
/**
 * The task definitions of a release of several services, checked before any AWS call: each
 * item's file (read, parsed and checked like 'task-definition'), with the 'container-images' that
 * name its containers. A family gets one revision per release, so two files of one family must
 * agree.
 */




/** The containers a parsed file or described revision names (bare, or wrapped as describe-task-definition prints it). */
function containerNames(parsed) {
    const definition = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(parsed) && (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(parsed.taskDefinition) ? parsed.taskDefinition : parsed;
    const containers = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(definition) && Array.isArray(definition.containerDefinitions) ? definition.containerDefinitions : [];
    return containers.flatMap((container) => ((0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(container) && typeof container.name === 'string' ? [container.name] : []));
}
/** The 'container-images' lines that name a container of this definition: in a release, one image may serve some services only. */
function imagesFor(names, images) {
    return images.filter((image) => names.includes(image.container));
}
/** Every 'container-images' line must name a container of some task definition of the release. */
function checkImagesUsed(images, names) {
    const unused = images.find((image) => !names.includes(image.container));
    if (unused) {
        const known = [...new Set(names)].map((name) => `'${name}'`).join(', ') || 'none';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('container-images', unused.container, `a container of a task definition of the release (${known})`);
    }
}
/** A family gets one revision per release: services of one family must ask for the same definition. */
function checkOneDefinitionPerFamily(definitions) {
    for (const [index, one] of definitions.entries()) {
        const other = definitions.slice(0, index).find((earlier) => earlier.prepared.request.family === one.prepared.request.family);
        if (other && !(0,node_util__WEBPACK_IMPORTED_MODULE_1__.isDeepStrictEqual)(other.prepared.request, one.prepared.request)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Invalid input 'services': services '${other.service}' and '${one.service}' give different task definitions of family '${one.prepared.request.family}' (${other.source}, ${one.source}). Expected the same definition for services that share a family: a release registers one revision per family.`);
        }
    }
}
/** Reads and checks each item's file once (items may share a file); undefined for the single-service inputs. */
async function loadReleaseFiles(inputs) {
    if (!inputs.release.listed)
        return undefined;
    const files = new Map();
    const definitions = [];
    const names = [];
    const tags = inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
    for (const spec of inputs.release.services) {
        if (!spec.taskDefinitionPath)
            continue;
        if (!files.has(spec.taskDefinitionPath)) {
            const { text, shown } = await (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .readTaskDefinitionFile */ .BD)(spec.taskDefinitionInput, spec.taskDefinitionPath);
            const parsed = await (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTaskDefinitionText */ .$6)(text, shown);
            const own = containerNames(parsed);
            names.push(...own);
            const prepared = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .prepareTaskDefinition */ .Ww)(parsed, shown, imagesFor(own, inputs.containerImages), tags);
            if (prepared.dropped.length > 0)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`${shown}: dropped fields that only describe-task-definition returns: ${prepared.dropped.join(', ')}.`);
            files.set(spec.taskDefinitionPath, prepared);
        }
        definitions.push({ service: spec.name, source: `'${spec.taskDefinitionInput}'`, prepared: files.get(spec.taskDefinitionPath) });
    }
    checkOneDefinitionPerFamily(definitions);
    // Items without a file take their service's current revision: their containers are known only after DescribeServices.
    if (inputs.release.services.every((spec) => spec.taskDefinitionPath))
        checkImagesUsed(inputs.containerImages, names);
    return files;
}


/***/ })

};
